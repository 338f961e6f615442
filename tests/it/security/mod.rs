//! Security: trust boundaries against whoever can write the table or pass arguments
//! (`boundaries`), trust in the embedded store's files (`embedded`), and which identity an
//! explicit profile signs with (`profile`); the second review's edges: envelopes, bind,
//! sync, exec names and silent servers (`edges`).

mod boundaries;
mod edges;
mod embedded;
mod profile;
