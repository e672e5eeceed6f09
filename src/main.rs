use clap::Parser;

/// mimalloc: rendering allocates many small strings on every thread, where
/// glibc's allocator spends a fifth of the build in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = dossier::cli::Cli::parse();
    let code = dossier::run(args, &mut std::io::stderr());
    std::process::exit(code);
}
