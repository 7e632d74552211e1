//! A `no_std` program for a bare-metal board: `core` and `alloc` built with -Zbuild-std, the heap
//! and output from picolibc (semihosting), started by picolibc's crt0 which calls `main`.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use core::alloc::{GlobalAlloc, Layout};
use core::panic::PanicInfo;

extern "C" {
    fn malloc(size: usize) -> *mut u8;
    fn free(p: *mut u8);
    fn puts(s: *const u8) -> i32;
}

struct Picolibc;

unsafe impl GlobalAlloc for Picolibc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        malloc(layout.size().max(layout.align()))
    }
    unsafe fn dealloc(&self, p: *mut u8, _: Layout) {
        free(p)
    }
}

#[global_allocator]
static HEAP: Picolibc = Picolibc;

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    loop {}
}

#[no_mangle]
pub extern "C" fn main() -> i32 {
    let squares: Vec<u64> = (1..=10u64).map(|n| n * n).collect();
    let sum: u64 = squares.iter().sum();
    unsafe {
        puts(b"hello from rust no_std\0".as_ptr());
    }
    if sum == 385 {
        unsafe {
            puts(b"sum of squares ok\0".as_ptr());
        }
        0
    } else {
        5
    }
}
