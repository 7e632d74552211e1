//! rustc-demo: Rust calling C (compiled by build.rs with the target's C compiler).

mod checksum;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| "Wikipedia".to_string());
    println!(
        "{} on {}/{}: adler32({:?}) = {:08x}, C long is {} bits",
        env!("CARGO_PKG_NAME"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        text,
        checksum::adler32(text.as_bytes()),
        checksum::long_bits()
    );
}
