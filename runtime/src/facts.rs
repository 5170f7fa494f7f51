//! Helpers for the facts that generated engines read: [`EnumSet`], a set of enum values held
//! in one `u128`, for facts of type "set of enum".
//!
//! Part of `cairn-runtime`. Generated code implements [`SetMember`] for each enum that a set
//! fact ranges over; the set then reads and writes JSON arrays of the enum's names.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};

/// The most values an enum may have to be held in an [`EnumSet`]: a set is one `u128`.
///
/// The one statement of the limit: the compiler refuses a set over a longer enum with this
/// number, the interpreter and the analyses size their bitsets by it, and the Rust generator
/// checks it before writing an `EnumSet`.
pub const MAX_SET_VALUES: usize = 128;

/// An enum whose values can be held in an [`EnumSet`].
///
/// The contract: `ALL` lists every value exactly once, in the order sets list them, and has at
/// most 128 entries (an [`EnumSet`] of a longer enum fails to compile); `index` gives each
/// value a distinct number below 128; `name` gives each value a distinct name, the one used in
/// JSON; `from_name` inverts `name`.
pub trait SetMember: Copy + 'static {
    /// Every value, in the order a set lists them.
    const ALL: &'static [Self];

    /// The value's bit in a set: distinct for each value, and below 128.
    fn index(self) -> u32;

    /// The value's name in JSON, e.g. `"mechanical_pain"`.
    fn name(self) -> &'static str;

    /// The value with this name, if any. By default, a search of [`SetMember::ALL`].
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|member| member.name() == name)
    }
}

/// A set of up to 128 values of one enum, as a bitset: copying, comparing and testing
/// membership never allocate.
///
/// JSON: an array of the members' names, in [`SetMember::ALL`] order. Reading accepts the names
/// in any order and collapses duplicates; an unknown name is an error that lists the allowed
/// names.
pub struct EnumSet<E> {
    /// Bit `i` is set when the member whose [`SetMember::index`] is `i` is in the set.
    bits: u128,
    // `fn() -> E` rather than `E`: the set holds no `E`, so it is `Send`, `Sync` and
    // covariant whatever `E` is.
    _marker: PhantomData<fn() -> E>,
}

impl<E: SetMember> EnumSet<E> {
    /// The empty set.
    #[must_use]
    pub const fn empty() -> Self {
        const {
            assert!(
                E::ALL.len() <= MAX_SET_VALUES,
                "an EnumSet holds the values of an enum with at most 128 values"
            );
        }
        EnumSet { bits: 0, _marker: PhantomData }
    }

    /// The bit of `member`, or `None` if its index breaks the [`SetMember`] contract.
    fn bit(member: E) -> Option<u128> {
        1u128.checked_shl(member.index())
    }

    /// Adds `member`; returns whether it was newly added.
    ///
    /// A member whose index is 128 or more (which breaks the [`SetMember`] contract) cannot be
    /// held: the set is unchanged and the result is `false`.
    pub fn insert(&mut self, member: E) -> bool {
        match Self::bit(member) {
            Some(bit) => {
                let added = self.bits & bit == 0;
                self.bits |= bit;
                added
            }
            None => false,
        }
    }

    /// Whether `member` is in the set.
    #[must_use]
    pub fn contains(&self, member: E) -> bool {
        Self::bit(member).is_some_and(|bit| self.bits & bit != 0)
    }

    /// Whether the set has no members.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// How many members the set has.
    #[must_use]
    pub const fn len(&self) -> usize {
        // At most 128, so the conversion is lossless.
        self.bits.count_ones() as usize
    }

    /// The members, in [`SetMember::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = E> + use<E> {
        let set = *self;
        E::ALL.iter().copied().filter(move |member| set.contains(*member))
    }
}

// The standard traits are implemented by hand, not derived, so that they do not require `E`
// itself to implement them.

impl<E> Clone for EnumSet<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for EnumSet<E> {}

impl<E> PartialEq for EnumSet<E> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<E> Eq for EnumSet<E> {}

impl<E> Hash for EnumSet<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bits.hash(state);
    }
}

impl<E: SetMember> Default for EnumSet<E> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<E: SetMember> fmt::Debug for EnumSet<E> {
    /// The members' names, as a set: `{"a", "b"}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(E::name)).finish()
    }
}

impl<E: SetMember> FromIterator<E> for EnumSet<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut set = Self::empty();
        set.extend(iter);
        set
    }
}

impl<E: SetMember> Extend<E> for EnumSet<E> {
    fn extend<I: IntoIterator<Item = E>>(&mut self, iter: I) {
        for member in iter {
            self.insert(member);
        }
    }
}

impl<E: SetMember> Serialize for EnumSet<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.iter().count()))?;
        for member in self.iter() {
            seq.serialize_element(member.name())?;
        }
        seq.end()
    }
}

impl<'de, E: SetMember> de::Deserialize<'de> for EnumSet<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(SetVisitor(PhantomData))
    }
}

/// Reads an [`EnumSet`] from an array of names.
struct SetVisitor<E>(PhantomData<fn() -> E>);

impl<'de, E: SetMember> Visitor<'de> for SetVisitor<E> {
    type Value = EnumSet<E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of names, each {}", Expected::<E>(PhantomData))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EnumSet<E>, A::Error> {
        let mut set = EnumSet::empty();
        while let Some(member) = seq.next_element_seed(MemberVisitor::<E>(PhantomData))? {
            set.insert(member);
        }
        Ok(set)
    }
}

/// Reads one member of an [`EnumSet`] from its name.
struct MemberVisitor<E>(PhantomData<fn() -> E>);

impl<'de, E: SetMember> DeserializeSeed<'de> for MemberVisitor<E> {
    type Value = E;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<E, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<E: SetMember> Visitor<'_> for MemberVisitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Expected::<E>(PhantomData))
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        E::from_name(v).ok_or_else(|| {
            // The same words as serde's own `unknown_variant`, so that an unknown value reads
            // alike in an enum fact and in a set fact. That function needs a `'static` list
            // of names, which `SetMember` cannot give without allocating; hence `custom`.
            Er::custom(format_args!(
                "unknown variant `{v}`, {}",
                ExpectedVariants::<E>(PhantomData)
            ))
        })
    }
}

/// Displays the allowed names of `E` as serde does: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
struct Expected<E>(PhantomData<fn() -> E>);

impl<E: SetMember> fmt::Display for Expected<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match E::ALL {
            [] => f.write_str("nothing (there are no values)"),
            [only] => write!(f, "`{}`", only.name()),
            [first, second] => write!(f, "`{}` or `{}`", first.name(), second.name()),
            all => {
                f.write_str("one of ")?;
                for (i, member) in all.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}`", member.name())?;
                }
                Ok(())
            }
        }
    }
}

/// Ends serde's unknown-variant message: "expected one of ..." or "there are no variants".
struct ExpectedVariants<E>(PhantomData<fn() -> E>);

impl<E: SetMember> fmt::Display for ExpectedVariants<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if E::ALL.is_empty() {
            f.write_str("there are no variants")
        } else {
            write!(f, "expected {}", Expected::<E>(PhantomData))
        }
    }
}
