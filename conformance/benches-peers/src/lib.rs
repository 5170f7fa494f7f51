//! Stub while the peers' dependencies build.
