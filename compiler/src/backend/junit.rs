//! JUnit XML, the format test dashboards read (GitHub, GitLab, Jenkins, Azure DevOps), for
//! `cairn test --format junit`: one `<testsuite>` per pathway, one `<testcase>` per case file,
//! a failing case's expected-versus-actual diff in its `<failure>`, a malformed case file as an
//! `<error>`. Times are measured, so they differ from run to run; everything else is
//! deterministic.

use std::fmt::Write as _;

use super::escape::xml_text;

/// One case as JUnit reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct JunitCase {
    /// The case's name (its file name without `.toml`).
    pub name: String,
    /// The case file, as given.
    pub file: String,
    /// How long checking and running it took, in seconds.
    pub seconds: f64,
    /// What happened.
    pub outcome: JunitOutcome,
}

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JunitOutcome {
    /// Every expectation held.
    Passed,
    /// An expectation did not hold.
    Failed {
        /// What the case checks, in a line.
        description: String,
        /// The expectations against what was observed, as a diff.
        diff: String,
    },
    /// The case file could not be read or checked.
    Malformed {
        /// A one-line summary.
        message: String,
        /// The diagnostics, rendered.
        details: String,
    },
}

/// The JUnit XML of one pathway's cases: `suite` is the pathway's name.
pub fn to_junit(suite: &str, cases: &[JunitCase]) -> String {
    let count = |f: fn(&JunitOutcome) -> bool| cases.iter().filter(|c| f(&c.outcome)).count();
    let failures = count(|o| matches!(o, JunitOutcome::Failed { .. }));
    let errors = count(|o| matches!(o, JunitOutcome::Malformed { .. }));
    let total: f64 = cases.iter().map(|c| c.seconds).sum();
    let suite = xml_text(suite);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let totals = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{total:.6}\"",
        cases.len()
    );
    let _ = writeln!(out, "<testsuites name=\"cairn test\" {totals}>");
    let _ = writeln!(out, "  <testsuite name=\"{suite}\" {totals}>");
    for case in cases {
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"{suite}\" file=\"{}\" time=\"{:.6}\"",
            xml_text(&case.name),
            xml_text(&case.file),
            case.seconds
        );
        match &case.outcome {
            JunitOutcome::Passed => out.push_str("/>\n"),
            JunitOutcome::Failed { description, diff } => {
                let _ = write!(
                    out,
                    ">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>\n    </testcase>\n",
                    xml_text(description),
                    xml_text(diff)
                );
            }
            JunitOutcome::Malformed { message, details } => {
                let _ = write!(
                    out,
                    ">\n      <error message=\"{}\" type=\"malformed case file\">{}</error>\n    </testcase>\n",
                    xml_text(message),
                    xml_text(details)
                );
            }
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suite_of_each_outcome() {
        let case = |name: &str, outcome| JunitCase {
            name: name.into(),
            file: format!("cases/{name}.toml"),
            seconds: 0.25,
            outcome,
        };
        let xml = to_junit(
            "p<1>",
            &[
                case("ok", JunitOutcome::Passed),
                case(
                    "bad",
                    JunitOutcome::Failed {
                        description: "a \"quote\"".into(),
                        diff: "- a\n+ b\n".into(),
                    },
                ),
                case(
                    "broken",
                    JunitOutcome::Malformed {
                        message: "1 error".into(),
                        details: "\u{1b}x".into(),
                    },
                ),
            ],
        );
        assert_eq!(
            xml,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="cairn test" tests="3" failures="1" errors="1" skipped="0" time="0.750000">
  <testsuite name="p&lt;1&gt;" tests="3" failures="1" errors="1" skipped="0" time="0.750000">
    <testcase name="ok" classname="p&lt;1&gt;" file="cases/ok.toml" time="0.250000"/>
    <testcase name="bad" classname="p&lt;1&gt;" file="cases/bad.toml" time="0.250000">
      <failure message="a &quot;quote&quot;" type="expectation">- a
+ b
</failure>
    </testcase>
    <testcase name="broken" classname="p&lt;1&gt;" file="cases/broken.toml" time="0.250000">
      <error message="1 error" type="malformed case file">&lt;U+001B&gt;x</error>
    </testcase>
  </testsuite>
</testsuites>
"#
        );
    }
}
