// Compiles csrc/checksum.c into a static library with the target's C compiler, the way the cc
// crate does: CC_<target>, AR_<target>, CFLAGS_<target> (set by crosskit), else CC/AR/CFLAGS.
use std::env;
use std::path::PathBuf;
use std::process::Command;

fn var(name: &str, target: &str) -> Option<String> {
    let key = format!("{}_{}", name, target.replace('-', "_"));
    println!("cargo:rerun-if-env-changed={}", key);
    println!("cargo:rerun-if-env-changed={}", name);
    env::var(&key).ok().or_else(|| env::var(name).ok()).filter(|v| !v.is_empty())
}

fn run(mut cmd: Command) {
    let status = cmd.status().unwrap_or_else(|e| panic!("cannot start {:?}: {}", cmd, e));
    assert!(status.success(), "{:?} failed: {}", cmd, status);
}

fn main() {
    let target = env::var("TARGET").unwrap();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=csrc/checksum.c");
    println!("cargo:rerun-if-changed=csrc/checksum.h");
    let cc = var("CC", &target).unwrap_or_else(|| "cc".to_string());
    let ar = var("AR", &target).unwrap_or_else(|| "ar".to_string());
    let flags = var("CFLAGS", &target).unwrap_or_default();
    let mut words = cc.split_whitespace();
    let mut compile = Command::new(words.next().unwrap());
    compile.args(words).args(flags.split_whitespace())
        .args(["-O2", "-fPIC", "-c", "csrc/checksum.c", "-Icsrc", "-o"]).arg(out.join("checksum.o"));
    run(compile);
    let mut archive = Command::new(ar);
    archive.arg("crs").arg(out.join("libchecksum.a")).arg(out.join("checksum.o"));
    run(archive);
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=checksum");
}
