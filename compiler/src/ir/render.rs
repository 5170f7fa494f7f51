//! Renders IR expressions back to pathway syntax, with the fewest parentheses that keep the
//! meaning. The interpreter's trace of why, the generated code and the documents all use this
//! one rendering, so they agree word for word.

use super::{ExprKind, FactType, NumForm, NumTest, Numeric, Pathway};

/// Binding strength of each form, higher binds tighter (mirrors the parser's Pratt table).
fn precedence(kind: &ExprKind) -> u8 {
    match kind {
        ExprKind::Implies(..) => 1,
        ExprKind::Iff(..) => 2,
        ExprKind::Or(_) => 3,
        ExprKind::And(_) => 4,
        ExprKind::Not(_) => 5,
        ExprKind::EnumIn(..)
        | ExprKind::SetContains(..)
        | ExprKind::FactsEqual(..)
        | ExprKind::Number(_) => 6,
        ExprKind::SetEmpty(_) | ExprKind::Known(_) => 7,
        ExprKind::Const(_)
        | ExprKind::Fact(_)
        | ExprKind::Condition(_)
        | ExprKind::Recommendation(_) => 8,
    }
}

impl Pathway {
    /// The expression as an author would write it, such as `main_branch and not mri_contraindicated`.
    pub fn render(&self, kind: &ExprKind) -> String {
        let mut out = String::new();
        self.render_into(kind, &mut out);
        out
    }

    /// The name of what a numeric test reads.
    pub fn numeric_name(&self, numeric: &Numeric) -> &str {
        match numeric {
            Numeric::Fact(f) => &self.fact(*f).name.node,
            Numeric::Score(s, _) => &self.score(*s).name.node,
        }
    }

    fn render_number(&self, test: &NumTest, out: &mut String) {
        let name = self.numeric_name(&test.subject);
        match test.form {
            NumForm::Compare(op, value) => {
                out.push_str(&format!("{name} {} {value}", op.as_str()));
            }
            NumForm::Between { low, low_included, high, high_included } => {
                let op = |included: bool| if included { "<=" } else { "<" };
                out.push_str(&format!(
                    "{low} {} {name} {} {high}",
                    op(low_included),
                    op(high_included)
                ));
            }
        }
    }

    fn render_child(&self, child: &ExprKind, parent: u8, out: &mut String) {
        // Equal precedence also gets parentheses: `a implies (b implies c)` reads unambiguously
        // either way, and comparisons do not chain.
        if precedence(child) <= parent {
            out.push('(');
            self.render_into(child, out);
            out.push(')');
        } else {
            self.render_into(child, out);
        }
    }

    fn render_into(&self, kind: &ExprKind, out: &mut String) {
        let own = precedence(kind);
        match kind {
            ExprKind::Const(b) => out.push_str(if *b { "true" } else { "false" }),
            ExprKind::Fact(f) => out.push_str(&self.fact(*f).name.node),
            ExprKind::Condition(c) => out.push_str(&self.condition(*c).name.node),
            ExprKind::Recommendation(r) => out.push_str(&self.recommendation(*r).name.node),
            ExprKind::EnumIn(f, variants) => {
                let fact = self.fact(*f);
                let FactType::Enum(e) = fact.ty else { return };
                out.push_str(&fact.name.node);
                match variants.as_slice() {
                    [one] => {
                        out.push_str(" == ");
                        out.push_str(self.variant_name(e, *one));
                    }
                    many => {
                        out.push_str(" in {");
                        let names: Vec<&str> =
                            many.iter().map(|v| self.variant_name(e, *v)).collect();
                        out.push_str(&names.join(", "));
                        out.push('}');
                    }
                }
            }
            ExprKind::SetContains(f, v) => {
                let fact = self.fact(*f);
                if let FactType::Set(e) = fact.ty {
                    out.push_str(self.variant_name(e, *v));
                    out.push_str(" in ");
                    out.push_str(&fact.name.node);
                }
            }
            ExprKind::SetEmpty(f) => {
                out.push_str(&self.fact(*f).name.node);
                out.push_str(" is empty");
            }
            ExprKind::Number(test) => self.render_number(test, out),
            ExprKind::Known(f) => {
                out.push_str(&self.fact(*f).name.node);
                out.push_str(" is known");
            }
            ExprKind::FactsEqual(a, b) => {
                out.push_str(&self.fact(*a).name.node);
                out.push_str(" == ");
                out.push_str(&self.fact(*b).name.node);
            }
            ExprKind::Not(inner) => match &inner.node {
                ExprKind::Known(f) => {
                    out.push_str(&self.fact(*f).name.node);
                    out.push_str(" is unknown");
                }
                ExprKind::SetEmpty(f) => {
                    out.push_str(&self.fact(*f).name.node);
                    out.push_str(" is not empty");
                }
                ExprKind::SetContains(..) => {
                    // `not (x in s)` reads better as `x not in s`.
                    let rendered = self.render(&inner.node);
                    out.push_str(&rendered.replacen(" in ", " not in ", 1));
                }
                ExprKind::EnumIn(f, variants) if variants.len() == 1 => {
                    let rendered = self.render(&inner.node);
                    let _ = f;
                    out.push_str(&rendered.replacen(" == ", " != ", 1));
                }
                ExprKind::EnumIn(..) => {
                    let rendered = self.render(&inner.node);
                    out.push_str(&rendered.replacen(" in {", " not in {", 1));
                }
                other => {
                    out.push_str("not ");
                    // `not` binds looser than comparisons, so `not a == b` needs no parentheses.
                    self.render_child(other, own - 1, out);
                }
            },
            ExprKind::And(items) | ExprKind::Or(items) => {
                let joiner = if matches!(kind, ExprKind::And(_)) { " and " } else { " or " };
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(joiner);
                    }
                    self.render_child(&item.node, own, out);
                }
            }
            ExprKind::Implies(a, b) | ExprKind::Iff(a, b) => {
                let word =
                    if matches!(kind, ExprKind::Implies(..)) { " implies " } else { " iff " };
                self.render_child(&a.node, own, out);
                out.push_str(word);
                self.render_child(&b.node, own, out);
            }
        }
    }
}
