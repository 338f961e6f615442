//! DynamoDB as the record store.
