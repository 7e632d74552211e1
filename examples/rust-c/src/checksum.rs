//! Safe wrappers around the C functions in csrc/checksum.c.

use std::os::raw::{c_int, c_uchar};

extern "C" {
    fn ck_adler32(data: *const c_uchar, len: usize) -> u32;
    fn ck_long_bits() -> c_int;
}

/// Adler-32 computed in C.
pub fn adler32(data: &[u8]) -> u32 {
    unsafe { ck_adler32(data.as_ptr(), data.len()) }
}

/// Width of C's `long` on the target.
pub fn long_bits() -> i32 {
    unsafe { ck_long_bits() }
}

/// Adler-32 in Rust, to check the C one against.
fn adler32_rust(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + byte as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adler32_known_value() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn adler32_empty_is_one() {
        assert_eq!(adler32(b""), 1);
    }

    #[test]
    fn c_agrees_with_rust_on_a_megabyte() {
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
        assert_eq!(adler32(&data), adler32_rust(&data));
    }

    #[test]
    fn c_long_matches_the_target() {
        let expected = if cfg!(windows) { 32 } else { usize::BITS as i32 };
        assert_eq!(long_bits(), expected);
    }

    #[test]
    fn threads_call_c_concurrently() {
        let handles: Vec<_> = (0..4u8)
            .map(|i| std::thread::spawn(move || adler32(&[i; 4096])))
            .collect();
        let sums: Vec<u32> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        for (i, s) in sums.iter().enumerate() {
            assert_eq!(*s, adler32_rust(&[i as u8; 4096]));
        }
    }

    /// A panic unwinds and is caught by the test harness: the target's unwinder works.
    #[test]
    #[should_panic(expected = "unwinds")]
    fn panic_unwinds_through_the_harness() {
        let sum = adler32(b"unwinds");
        panic!("unwinds past adler32 = {:08x}", sum);
    }

    #[test]
    #[ignore = "shows how ignored tests are reported"]
    fn ignored_example() {}
}
