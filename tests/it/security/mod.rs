//! Security: trust boundaries against whoever can write the table or pass arguments
//! (`boundaries`), trust in the embedded store's files (`embedded`), which identity an
//! explicit profile signs with (`profile`), what `-o` may write to (`output_paths`), and
//! the second review's edges: envelopes, bind, sync, exec names, silent servers (`edges`).

mod boundaries;
mod edges;
mod embedded;
#[cfg(unix)]
mod output_paths;
mod profile;
