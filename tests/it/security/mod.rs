//! Security: trust boundaries against whoever can write the table or pass arguments
//! (`boundaries`), trust in the embedded store's files (`embedded`), and which identity an
//! explicit profile signs with (`profile`).

mod boundaries;
mod embedded;
mod profile;
