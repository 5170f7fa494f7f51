//! Cairn's conformance suites: language cases and pathway cases, run against the generated
//! engines and the interpreter (see `conformance/README.md`).
