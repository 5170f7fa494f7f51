//! Backends: renderers that read the IR and analysis results (never the AST) and produce text
//! for people and machines.

pub mod analyse;
pub mod coverage;
pub mod escape;
