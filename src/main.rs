use clap::Parser;

fn main() {
    let args = dossier::cli::Cli::parse();
    let code = dossier::run(args, &mut std::io::stderr());
    std::process::exit(code);
}
