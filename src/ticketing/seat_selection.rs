//! The rules of a chosen-seats booking, decided on the seats locked around the ones asked for
//! (`lock_seats_around`): every label names a seat, none is taken, a companion seat comes with
//! a wheelchair space, and no lone seat is left beside the booking where none was before.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use codegen::queries::seats::NearSeat;
use codegen::types::SeatCategory as DbSeatCategory;
use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use serde_json::Value;

use crate::platform::problem::ApiError;

/// The pattern of a seat label: the row's 1–3 capital letters, then the seat's number.
pub const SEAT_LABEL_PATTERN: &str = "^[A-Z]{1,3}[1-9][0-9]{0,2}$";

/// A seat's label as a client writes it: its row and number, `F12`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeatLabel {
    row: String,
    number: i16,
}

impl SeatLabel {
    /// Splits `F12` into row `F` and number 12; `None` unless it matches
    /// [`SEAT_LABEL_PATTERN`].
    pub fn parse(label: &str) -> Option<Self> {
        let digits = label.find(|c: char| c.is_ascii_digit())?;
        let (row, number) = label.split_at(digits);
        let row_ok = (1..=3).contains(&row.len()) && row.bytes().all(|b| b.is_ascii_uppercase());
        let number_ok = (1..=3).contains(&number.len())
            && number.bytes().all(|b| b.is_ascii_digit())
            && !number.starts_with('0');
        if !(row_ok && number_ok) {
            return None;
        }
        Some(SeatLabel {
            row: row.to_owned(),
            number: number.parse().ok()?,
        })
    }

    /// The row's label.
    pub fn row(&self) -> &str {
        &self.row
    }

    /// The seat's number in its row, from 1.
    pub fn number(&self) -> i16 {
        self.number
    }
}

impl fmt::Display for SeatLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.row, self.number)
    }
}

impl Type for SeatLabel {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: Some(SEAT_LABEL_PATTERN.to_owned()),
            example: Some(Value::from("F12")),
            ..MetaSchema::new("string")
        }))
    }

    fn as_raw_value(&self) -> Option<&Self> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for SeatLabel {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(label)) => SeatLabel::parse(&label).ok_or_else(|| {
                ParseError::custom(format!(
                    "`{label}` is not a seat label: a row of 1–3 capital letters and a seat \
                     number, e.g. F12"
                ))
            }),
            other => Err(ParseError::expected_type(other.unwrap_or_default())),
        }
    }
}

impl ToJSON for SeatLabel {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.to_string()))
    }
}

/// A seat the booking takes, as the rules found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenSeat {
    pub row_index: i16,
    pub number: i16,
    pub label: String,
    pub category: DbSeatCategory,
}

/// Checks a chosen-seats request against the seats locked around it, in the order a box
/// office would explain a refusal: which labels name no seat, which seats are taken, a
/// companion seat without a wheelchair space, and a lone seat left behind. Returns the seats in
/// the order asked for.
///
/// Errors: 422 `unknown_seat`; 409 `seats_taken` (naming the seats), `companion_needs_wheelchair`,
/// `single_seat_gap` (naming the seat that would be left alone).
pub fn check_chosen_seats(
    wanted: &[SeatLabel],
    near: &[NearSeat],
) -> Result<Vec<ChosenSeat>, ApiError> {
    let by_label: BTreeMap<(&str, i16), &NearSeat> = near
        .iter()
        .map(|seat| ((seat.row_label.as_str(), seat.number), seat))
        .collect();
    let found: Vec<Option<&NearSeat>> = wanted
        .iter()
        .map(|label| by_label.get(&(label.row(), label.number())).copied())
        .collect();
    let unknown = labels_where(wanted, |i| found[i].is_none());
    if !unknown.is_empty() {
        return Err(ApiError::unprocessable(
            "unknown_seat",
            format!("this screening has no seat {unknown}"),
        ));
    }
    let seats: Vec<&NearSeat> = found.into_iter().flatten().collect();
    let taken = labels_where(wanted, |i| !seats[i].available);
    if !taken.is_empty() {
        return Err(ApiError::conflict(
            "seats_taken",
            format!("seats taken: {taken}"),
        ));
    }
    let has = |category| seats.iter().any(|seat| seat.category == category);
    if has(DbSeatCategory::Companion) && !has(DbSeatCategory::Wheelchair) {
        let companions = labels_where(wanted, |i| seats[i].category == DbSeatCategory::Companion);
        return Err(ApiError::conflict(
            "companion_needs_wheelchair",
            format!("{companions}: a companion seat is booked with a wheelchair space"),
        ));
    }
    if let Some((left, booked)) = lone_seat_left(&seats, near) {
        return Err(ApiError::conflict(
            "single_seat_gap",
            format!(
                "booking {booked} would leave {left} as a lone seat; choose seats beside it or \
                 leave no single seat between"
            ),
        ));
    }
    Ok(seats
        .into_iter()
        .map(|seat| ChosenSeat {
            row_index: seat.row_index,
            number: seat.number,
            label: format!("{}{}", seat.row_label, seat.number),
            category: seat.category,
        })
        .collect())
}

/// The labels (comma-separated) of the seats asked for at the positions `pick` selects.
fn labels_where(wanted: &[SeatLabel], pick: impl Fn(usize) -> bool) -> String {
    (0..wanted.len())
        .filter(|&i| pick(i))
        .map(|i| wanted[i].to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first seat that the booking would leave as a lone available seat beside one of its
/// seats (each neighbour unavailable or the row's end) while it was not one before, with the
/// booked seat beside it. Needs every seat within two of a booked one: `near`.
fn lone_seat_left(booked: &[&NearSeat], near: &[NearSeat]) -> Option<(String, String)> {
    let booked_places: BTreeSet<(i16, i16)> =
        booked.iter().map(|s| (s.row_index, s.number)).collect();
    let available: BTreeMap<(i16, i16), bool> = near
        .iter()
        .map(|s| ((s.row_index, s.number), s.available))
        .collect();
    // A seat outside the row reads as unavailable: the row's end.
    let before = |row: i16, n: i16| available.get(&(row, n)).copied().unwrap_or(false);
    let after = |row: i16, n: i16| before(row, n) && !booked_places.contains(&(row, n));
    let lone = |free: &dyn Fn(i16, i16) -> bool, row: i16, n: i16| {
        free(row, n) && !free(row, n - 1) && !free(row, n + 1)
    };
    for seat in booked {
        for neighbour in [seat.number - 1, seat.number + 1] {
            if lone(&after, seat.row_index, neighbour) && !lone(&before, seat.row_index, neighbour)
            {
                return Some((
                    format!("{}{}", seat.row_label, neighbour),
                    format!("{}{}", seat.row_label, seat.number),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Row `A` of `seats` seats: `.` free, `x` taken or blocked, `w` a free wheelchair space,
    /// `c` a free companion seat.
    fn row(seats: &str) -> Vec<NearSeat> {
        seats
            .chars()
            .enumerate()
            .map(|(i, c)| NearSeat {
                row_index: 1,
                row_label: "A".into(),
                row_seats: seats.len() as i16,
                number: i as i16 + 1,
                category: match c {
                    'w' => DbSeatCategory::Wheelchair,
                    'c' => DbSeatCategory::Companion,
                    _ => DbSeatCategory::Standard,
                },
                blocked: false,
                available: c != 'x',
            })
            .collect()
    }

    fn labels(labels: &[&str]) -> Vec<SeatLabel> {
        labels
            .iter()
            .map(|l| SeatLabel::parse(l).unwrap())
            .collect()
    }

    fn refusal(wanted: &[&str], seats: &str) -> (String, String) {
        let problem = check_chosen_seats(&labels(wanted), &row(seats))
            .unwrap_err()
            .into_problem();
        (problem.code, problem.detail)
    }

    #[test]
    fn labels_are_a_row_and_a_number() {
        let f12 = SeatLabel::parse("F12").unwrap();
        assert_eq!((f12.row(), f12.number()), ("F", 12));
        assert_eq!(SeatLabel::parse("AB7").unwrap().to_string(), "AB7");
        for bad in [
            "", "F", "12", "f12", "F012", "F0", "ABCD1", "F1000", "F1A", "F-1",
        ] {
            assert!(SeatLabel::parse(bad).is_none(), "{bad:?} parsed");
        }
    }

    #[test]
    fn free_seats_side_by_side_are_booked() {
        let seats = check_chosen_seats(&labels(&["A3", "A4"]), &row("......")).unwrap();
        let got: Vec<&str> = seats.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(got, ["A3", "A4"]);
    }

    #[test]
    fn a_seat_that_does_not_exist_is_unknown() {
        let (code, detail) = refusal(&["A2", "A9", "B1"], "....");
        assert_eq!(code, "unknown_seat");
        assert!(detail.ends_with("A9, B1"), "{detail}");
    }

    #[test]
    fn taken_seats_are_named() {
        let (code, detail) = refusal(&["A2", "A3", "A4"], ".x.x..");
        assert_eq!(
            (code.as_str(), detail.as_str()),
            ("seats_taken", "seats taken: A2, A4")
        );
    }

    #[test]
    fn a_companion_seat_needs_a_wheelchair_space() {
        assert_eq!(refusal(&["A2"], "wc..").0, "companion_needs_wheelchair");
        assert!(check_chosen_seats(&labels(&["A1", "A2"]), &row("wc..")).is_ok());
    }

    #[test]
    fn a_lone_seat_left_in_the_middle_is_refused() {
        // A1 free, booking A2 A3 with A4 taken: no; booking A3 A4 would leave A2 alone between
        // A1 (taken) and A3.
        let (code, detail) = refusal(&["A3", "A4"], "x.....");
        assert_eq!(code, "single_seat_gap");
        assert!(detail.contains("leave A2"), "{detail}");
        assert!(check_chosen_seats(&labels(&["A2", "A3"]), &row("x.....")).is_ok());
    }

    #[test]
    fn a_lone_seat_at_the_row_end_is_refused() {
        let (code, detail) = refusal(&["A2"], "......");
        assert_eq!(code, "single_seat_gap");
        assert!(detail.contains("leave A1"), "{detail}");
        let (_, detail) = refusal(&["A5"], "......");
        assert!(detail.contains("leave A6"), "{detail}");
        assert!(check_chosen_seats(&labels(&["A1"]), &row("......")).is_ok());
    }

    #[test]
    fn a_lone_seat_beside_a_blocked_or_taken_one_is_refused() {
        let (code, detail) = refusal(&["A1", "A2"], "...x..");
        assert_eq!(code, "single_seat_gap");
        assert!(detail.contains("leave A3"), "{detail}");
    }

    #[test]
    fn a_lone_seat_that_was_lone_before_is_not_the_bookings_doing() {
        // A2 is already alone between A1 and A3; booking A4 A5 leaves it as it was.
        assert!(check_chosen_seats(&labels(&["A4", "A5"]), &row("x.x....")).is_ok());
    }

    #[test]
    fn filling_a_gap_exactly_is_fine() {
        assert!(check_chosen_seats(&labels(&["A2", "A3"]), &row("x..x..")).is_ok());
        assert!(check_chosen_seats(&labels(&["A2"]), &row("x.x...")).is_ok());
    }
}
