//! Text from a request, as the document says it is: a JSON string, without NUL characters.
//!
//! poem-openapi's `String` also takes a JSON number or boolean and makes text of it (a movie
//! titled `false`), and PostgreSQL's `text` cannot hold NUL. [`Text`] refuses both with 400,
//! and its schema says so (`type: string`, `pattern: ^[^\x00]*$`).
//!
//! Also [`push_hex`], for the ids and tags the service writes on every request.

use std::borrow::Cow;
use std::fmt;

use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::{
    ParseError, ParseFromJSON, ParseFromParameter, ParseResult, ToJSON, Type,
};
use serde_json::Value;

/// No NUL character, in the ECMA regex syntax of JSON Schema (and of the `regex` crate).
pub const NO_NUL: &str = r"^[^\x00]*$";

/// A string of a request body or parameter: JSON strings only, no NUL characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text(String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    fn parse(text: String) -> ParseResult<Self> {
        if text.contains('\0') {
            return Err(ParseError::custom("text must not contain NUL characters"));
        }
        Ok(Text(text))
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Type for Text {
    const IS_REQUIRED: bool = true;
    type RawValueType = String;
    type RawElementValueType = String;

    fn name() -> Cow<'static, str> {
        "string".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: Some(NO_NUL.to_owned()),
            ..MetaSchema::new("string")
        }))
    }

    fn as_raw_value(&self) -> Option<&String> {
        Some(&self.0)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a String> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for Text {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(text)) => Text::parse(text),
            other => Err(ParseError::expected_type(other.unwrap_or_default())),
        }
    }
}

impl ParseFromParameter for Text {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Text::parse(value.to_owned())
    }
}

impl ToJSON for Text {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

/// Appends `value` as 16 lowercase hexadecimal digits, zero-padded: what `{:016x}` writes,
/// without the formatting machinery (the request id and entity tags of every request).
pub fn push_hex(out: &mut String, value: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend(
        (0..16)
            .rev()
            .map(|nibble| char::from(DIGITS[((value >> (nibble * 4)) & 0xf) as usize])),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_hex_writes_what_the_formatter_writes() {
        for value in [0, 1, 0xabc, u64::MAX, 0x0123_4567_89ab_cdef] {
            let mut hex = String::from("x");
            push_hex(&mut hex, value);
            assert_eq!(hex, format!("x{value:016x}"));
        }
    }

    #[test]
    fn only_strings_without_nul_are_text() {
        let parse = |v: Value| Text::parse_from_json(Some(v)).map(Text::into_string);
        assert_eq!(parse(Value::from("Orbit")).ok().as_deref(), Some("Orbit"));
        assert!(
            parse(Value::from(false)).is_err(),
            "poem-openapi's String takes it"
        );
        assert!(parse(Value::from(7)).is_err());
        assert!(parse(Value::Null).is_err());
        assert!(parse(Value::from("a\0b")).is_err());
    }
}
