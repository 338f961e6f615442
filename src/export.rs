//! Renderers for getall/env output: json, yaml, csv, dotenv, shell.
