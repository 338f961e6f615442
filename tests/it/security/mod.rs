//! Security: trust boundaries against whoever can write the table or pass arguments
//! (`boundaries`), trust in the embedded store's files (`embedded`), which identity an
//! explicit profile signs with (`profile`), and what `-o` may write to (`output_paths`).

mod boundaries;
mod embedded;
#[cfg(unix)]
mod output_paths;
mod profile;
