#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    order_portal::server::cli::main().await
}

// The binary is server-only; the browser bundle is the library's `hydrate` entry.
#[cfg(not(feature = "ssr"))]
fn main() {}
