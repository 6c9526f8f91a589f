//! Theater layouts: rows front to back, each with seats numbered 1..n left to right as the
//! audience sees them. A seat's label is its row and number (`F12`); its category is
//! standard, premium, wheelchair (a space for a wheelchair user) or companion (the seat
//! beside one); blocked seats are not sold.

use std::collections::BTreeMap;
use std::sync::Arc;

use codegen::client::Params as _;
use codegen::queries::theaters as q;
use codegen::types::SeatCategory as DbSeatCategory;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::{Enum, Object, OpenApi, param::Path, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::AdminAuth;
use crate::platform::caching::{CATALOG, Cached, EntityTag};
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::params::IfNoneMatch;
use crate::platform::problem::ApiError;
use crate::platform::text::Text;

/// Most rows a layout may have.
pub const MAX_ROWS: usize = 60;
/// Most seats a row may have.
pub const MAX_SEATS_PER_ROW: i32 = 60;
/// Seats per row of a layout generated from a capacity.
pub const GENERATED_ROW_SEATS: i32 = 20;

/// What kind of place a seat is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[oai(rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum SeatCategory {
    /// An ordinary seat; best available chooses only these.
    Standard,
    /// A better seat, sold at the screening's premium surcharge.
    Premium,
    /// A space for a wheelchair user.
    Wheelchair,
    /// The seat beside a wheelchair space, for a companion: booked only with one.
    Companion,
}

impl From<DbSeatCategory> for SeatCategory {
    fn from(category: DbSeatCategory) -> Self {
        match category {
            DbSeatCategory::Standard => SeatCategory::Standard,
            DbSeatCategory::Premium => SeatCategory::Premium,
            DbSeatCategory::Wheelchair => SeatCategory::Wheelchair,
            DbSeatCategory::Companion => SeatCategory::Companion,
        }
    }
}

impl From<SeatCategory> for DbSeatCategory {
    fn from(category: SeatCategory) -> Self {
        match category {
            SeatCategory::Standard => DbSeatCategory::Standard,
            SeatCategory::Premium => DbSeatCategory::Premium,
            SeatCategory::Wheelchair => DbSeatCategory::Wheelchair,
            SeatCategory::Companion => DbSeatCategory::Companion,
        }
    }
}

/// One row of a layout, as a client describes it.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct LayoutRow {
    /// The row's label, 1–3 capital letters, unique in the layout (`A`, `B`, …, `AA`).
    #[oai(validator(pattern = "^[A-Z]{1,3}$"))]
    pub row: Text,
    /// How many seats, 1–60, numbered 1..seats left to right as the audience sees them.
    #[oai(validator(minimum(value = "1"), maximum(value = "60")))]
    pub seats: i32,
    /// Numbers of the row's premium seats.
    #[oai(nullable)]
    pub premium: Option<Vec<i32>>,
    /// Numbers of the row's wheelchair spaces.
    #[oai(nullable)]
    pub wheelchair: Option<Vec<i32>>,
    /// Numbers of the row's companion seats (beside a wheelchair space).
    #[oai(nullable)]
    pub companion: Option<Vec<i32>>,
    /// Numbers of the row's seats that are not sold.
    #[oai(nullable)]
    pub blocked: Option<Vec<i32>>,
}

/// A seat of a layout.
#[derive(Object, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LayoutSeat {
    /// Row and number, e.g. `F12`.
    pub label: String,
    /// 1..n, left to right as the audience sees them.
    pub number: i32,
    pub category: SeatCategory,
    /// Not sold.
    pub blocked: bool,
}

/// A row of a layout, with its seats left to right.
#[derive(Object, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LayoutRowSeats {
    /// The row's label.
    pub row: String,
    pub seats: Vec<LayoutSeat>,
}

/// A theater's seats, row by row from the front.
#[derive(Object, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Layout {
    /// The theater.
    pub theater_id: i64,
    pub rows: Vec<LayoutRowSeats>,
}

/// `PUT /v1/theaters/{id}/layout` body.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewLayout {
    /// The rows, front to back (1–60).
    #[oai(validator(min_items = 1, max_items = 60))]
    pub layout: Vec<LayoutRow>,
}

/// A layout that has passed every rule, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLayout {
    rows: Vec<ValidRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ValidRow {
    label: String,
    /// Category and blocked, by seat number - 1.
    seats: Vec<(SeatCategory, bool)>,
}

/// The label of the `index`-th row from the front (1-based): A … Z, AA … ZZ, AAA … (as the
/// migration's row_label does for existing theaters).
pub fn row_label(index: usize) -> String {
    let mut index = index;
    let mut label = Vec::new();
    // Bijective base 26: A = 1 … Z = 26, AA = 27.
    while index > 0 {
        let digit = (index - 1) % 26;
        label.push(b'A' + digit as u8);
        index = (index - 1) / 26;
    }
    label.reverse();
    String::from_utf8(label).expect("ASCII letters")
}

impl ValidLayout {
    /// Rows of at most 20 standard seats labelled A, B, …, holding `capacity` seats.
    pub fn generated(capacity: i32) -> Self {
        let capacity = capacity.max(1) as usize;
        let per_row = GENERATED_ROW_SEATS as usize;
        let rows = (0..capacity.div_ceil(per_row))
            .map(|r| ValidRow {
                label: row_label(r + 1),
                seats: vec![(SeatCategory::Standard, false); per_row.min(capacity - r * per_row)],
            })
            .collect();
        ValidLayout { rows }
    }

    /// Checks a layout as a client sent it, under `field` (`layout`). Every rule broken is
    /// named with its place: a row label used twice, a seat number outside its row, a number
    /// in two lists or twice in one, no seat on sale at all.
    ///
    /// Errors: 400 `invalid_layout`, the detail listing each problem.
    pub fn parse(field: &str, rows: &[LayoutRow]) -> Result<Self, ApiError> {
        let mut problems = Vec::new();
        if rows.is_empty() || rows.len() > MAX_ROWS {
            problems.push(format!("{field}: 1 to {MAX_ROWS} rows, not {}", rows.len()));
        }
        let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
        let mut valid = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let at = format!("{field}[{r}]");
            if let Some(first) = labels.insert(row.row.as_str(), r) {
                problems.push(format!(
                    "{at}.row: row {} is also {field}[{first}]",
                    row.row
                ));
            }
            if !(1..=MAX_SEATS_PER_ROW).contains(&row.seats) {
                problems.push(format!(
                    "{at}.seats: 1 to {MAX_SEATS_PER_ROW} seats, not {}",
                    row.seats
                ));
                continue;
            }
            let mut seats = vec![(SeatCategory::Standard, false); row.seats as usize];
            let mut listed: BTreeMap<i32, &str> = BTreeMap::new();
            let lists = [
                ("premium", &row.premium),
                ("wheelchair", &row.wheelchair),
                ("companion", &row.companion),
                ("blocked", &row.blocked),
            ];
            for (list, numbers) in lists {
                for (i, &number) in numbers.iter().flatten().enumerate() {
                    let place = format!("{at}.{list}[{i}]");
                    if !(1..=row.seats).contains(&number) {
                        problems.push(format!(
                            "{place}: seat {number} is not in row {}, whose seats are 1 to {}",
                            row.row, row.seats
                        ));
                        continue;
                    }
                    if let Some(other) = listed.insert(number, list) {
                        problems.push(if other == list {
                            format!("{place}: seat {number} is listed twice")
                        } else {
                            format!("{place}: seat {number} is also {other}")
                        });
                        continue;
                    }
                    let seat = &mut seats[number as usize - 1];
                    match list {
                        "premium" => seat.0 = SeatCategory::Premium,
                        "wheelchair" => seat.0 = SeatCategory::Wheelchair,
                        "companion" => seat.0 = SeatCategory::Companion,
                        _ => seat.1 = true,
                    }
                }
            }
            valid.push(ValidRow {
                label: row.row.as_str().to_owned(),
                seats,
            });
        }
        let layout = ValidLayout { rows: valid };
        if problems.is_empty() && layout.capacity() == 0 {
            problems.push(format!(
                "{field}: every seat is blocked; none could be sold"
            ));
        }
        if problems.is_empty() {
            Ok(layout)
        } else {
            Err(ApiError::bad_request("invalid_layout", problems.join("; ")))
        }
    }

    /// The seats on sale: those not blocked.
    pub fn capacity(&self) -> i32 {
        self.rows
            .iter()
            .flat_map(|row| &row.seats)
            .filter(|(_, blocked)| !blocked)
            .count() as i32
    }

    /// Stores the rows and seats of `theater_id`.
    pub async fn insert(
        &self,
        tx: &Transaction<'_>,
        theater_id: i64,
    ) -> Result<(), tokio_postgres::Error> {
        let (mut row_indexes, mut labels, mut row_seats) = (Vec::new(), Vec::new(), Vec::new());
        let (mut seat_rows, mut numbers, mut categories, mut blocked) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (r, row) in self.rows.iter().enumerate() {
            let index = r as i16 + 1;
            row_indexes.push(index);
            labels.push(row.label.as_str());
            row_seats.push(row.seats.len() as i16);
            for (n, (category, is_blocked)) in row.seats.iter().enumerate() {
                seat_rows.push(index);
                numbers.push(n as i16 + 1);
                categories.push(DbSeatCategory::from(*category));
                blocked.push(*is_blocked);
            }
        }
        q::insert_layout()
            .params(
                tx,
                &q::InsertLayoutParams {
                    theater_id,
                    row_indexes,
                    labels,
                    row_seats,
                    seat_rows,
                    numbers,
                    categories,
                    blocked,
                },
            )
            .await?;
        Ok(())
    }
}

/// Groups seats read in row and seat order into rows, by their row's label: `(label,
/// seats)` front to back. Serves the layout and the seat map alike.
pub fn group_into_rows<S, T>(
    seats: impl IntoIterator<Item = S>,
    row_of: impl Fn(&S) -> &str,
    seat: impl Fn(S) -> T,
) -> Vec<(String, Vec<T>)> {
    let mut rows: Vec<(String, Vec<T>)> = Vec::new();
    for item in seats {
        if rows.last().is_none_or(|(label, _)| label != row_of(&item)) {
            rows.push((row_of(&item).to_owned(), Vec::new()));
        }
        rows.last_mut().expect("pushed above").1.push(seat(item));
    }
    rows
}

/// A theater's seats (as `get_layout` reads them), grouped into rows.
fn layout_of(theater_id: i64, seats: Vec<q::LayoutSeat>) -> Layout {
    let rows = group_into_rows(
        seats,
        |seat| seat.label.as_str(),
        |seat| LayoutSeat {
            label: format!("{}{}", seat.label, seat.number),
            number: seat.number.into(),
            category: seat.category.into(),
            blocked: seat.blocked,
        },
    );
    Layout {
        theater_id,
        rows: rows
            .into_iter()
            .map(|(row, seats)| LayoutRowSeats { row, seats })
            .collect(),
    }
}

/// 404 `theater_not_found`.
pub fn theater_not_found(id: i64) -> ApiError {
    ApiError::not_found("theater_not_found", format!("there is no theater {id}"))
}

operation_errors! {
    GetLayoutError(Path) {
        404: "`theater_not_found`.",
    }
    ReplaceLayoutError(Path, JsonBody, Admin) {
        400: "`invalid_request` (malformed JSON, unknown fields, a value out of range) or \
              `invalid_layout` (the detail names each rule broken, with its place, e.g. \
              `layout[2].premium[0]: seat 41 is not in row C, whose seats are 1 to 40`).",
        404: "`theater_not_found`.",
        409: "`theater_has_screenings`: screenings copied the layout; it can no longer \
              change.",
    }
}

/// `/v1/theaters/{id}/layout`.
#[derive(Default)]
pub struct LayoutsApi;

#[OpenApi(prefix_path = "/v1/theaters", tag = "super::Tag::Theaters")]
impl LayoutsApi {
    /// Get a theater's layout
    ///
    /// Its rows front to back, each with its seats left to right as the audience sees them:
    /// label, number, category, and whether the seat is blocked (not sold).
    #[oai(path = "/:id/layout", method = "get", operation_id = "get_layout")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        /// The theater's id.
        id: Path<i64>,
        if_none_match: IfNoneMatch,
    ) -> Result<Cached<Layout>, GetLayoutError> {
        let client = state.reads.client(&state.pool).await?;
        let seats = q::get_layout().bind(&client, &id.0).all().await?;
        let Some(version) = seats.first().map(|seat| seat.version) else {
            return Err(theater_not_found(id.0).into());
        };
        Ok(Cached::answer(
            EntityTag::of(version),
            if_none_match.as_deref(),
            CATALOG,
            || layout_of(id.0, seats),
        ))
    }

    /// Replace a theater's layout
    ///
    /// Admin only. The theater's capacity becomes the number of its seats not blocked. Once a
    /// screening is scheduled in the theater, its layout can no longer change (409
    /// `theater_has_screenings`).
    #[oai(path = "/:id/layout", method = "put", operation_id = "replace_layout")]
    async fn replace(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The theater's id.
        id: Path<i64>,
        body: Json<NewLayout>,
    ) -> Result<Json<Layout>, ReplaceLayoutError> {
        let layout = ValidLayout::parse("layout", &body.layout)?;
        let replace = ReplaceLayout {
            theater_id: id.0,
            layout,
        };
        Ok(Json(in_transaction(&state.pool, &replace).await?))
    }
}

/// Replaces a theater's layout, unless screenings have copied it.
///
/// Errors: 404 `theater_not_found`, 409 `theater_has_screenings`.
struct ReplaceLayout {
    theater_id: i64,
    layout: ValidLayout,
}

impl Workflow for ReplaceLayout {
    type Output = Layout;

    async fn run(&self, tx: &Transaction<'_>) -> Result<Layout, ApiError> {
        let id = self.theater_id;
        let theater = q::lock_theater_for_layout()
            .bind(tx, &id)
            .opt()
            .await?
            .ok_or_else(|| theater_not_found(id))?;
        if theater.has_screenings {
            return Err(ApiError::conflict(
                "theater_has_screenings",
                format!("theater {id} has screenings, which copied its layout"),
            ));
        }
        q::delete_layout().bind(tx, &id).await?;
        self.layout.insert(tx, id).await?;
        q::set_capacity()
            .bind(tx, &self.layout.capacity(), &id)
            .one()
            .await?;
        Ok(layout_of(id, q::get_layout().bind(tx, &id).all().await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, seats: i32) -> LayoutRow {
        LayoutRow {
            row: serde_json_text(label),
            seats,
            premium: None,
            wheelchair: None,
            companion: None,
            blocked: None,
        }
    }

    fn serde_json_text(text: &str) -> Text {
        use poem_openapi::types::ParseFromJSON;
        Text::parse_from_json(Some(serde_json::Value::from(text))).unwrap()
    }

    fn detail(err: ApiError) -> String {
        let problem = err.into_problem();
        assert_eq!(problem.code, "invalid_layout");
        problem.detail
    }

    #[test]
    fn row_labels_run_a_to_z_then_aa() {
        let labels: Vec<String> = [1, 2, 26, 27, 28, 52, 53, 702, 703]
            .into_iter()
            .map(row_label)
            .collect();
        assert_eq!(labels, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn a_generated_layout_has_rows_of_twenty() {
        let layout = ValidLayout::generated(45);
        assert_eq!(layout.capacity(), 45);
        let sizes: Vec<usize> = layout.rows.iter().map(|r| r.seats.len()).collect();
        assert_eq!(sizes, [20, 20, 5]);
        assert_eq!(layout.rows[2].label, "C");
    }

    #[test]
    fn every_broken_rule_is_named_with_its_place() {
        let mut a = row("A", 10);
        a.premium = Some(vec![3, 11, 3]);
        a.blocked = Some(vec![3]);
        let b = row("A", 5);
        let c = row("C", 61);
        let found = detail(ValidLayout::parse("layout", &[a, b, c]).unwrap_err());
        for expected in [
            "layout[0].premium[1]: seat 11 is not in row A, whose seats are 1 to 10",
            "layout[0].premium[2]: seat 3 is listed twice",
            "layout[0].blocked[0]: seat 3 is also premium",
            "layout[1].row: row A is also layout[0]",
            "layout[2].seats: 1 to 60 seats, not 61",
        ] {
            assert!(found.contains(expected), "{expected:?} not in {found:?}");
        }
    }

    #[test]
    fn a_layout_with_nothing_on_sale_is_refused() {
        let mut a = row("A", 2);
        a.blocked = Some(vec![1, 2]);
        assert!(detail(ValidLayout::parse("layout", &[a]).unwrap_err()).contains("blocked"));
    }

    #[test]
    fn categories_and_blocked_seats_land_on_their_numbers() {
        let mut a = row("A", 4);
        a.wheelchair = Some(vec![1]);
        a.companion = Some(vec![2]);
        a.blocked = Some(vec![4]);
        let layout = ValidLayout::parse("layout", &[a]).unwrap();
        assert_eq!(
            layout.rows[0].seats,
            [
                (SeatCategory::Wheelchair, false),
                (SeatCategory::Companion, false),
                (SeatCategory::Standard, false),
                (SeatCategory::Standard, true),
            ]
        );
        assert_eq!(layout.capacity(), 3);
    }
}
