//! Seat maps: a screening's seats as of now, as JSON and as a picture of the auditorium, both
//! from one query (`seat_map`). A seat is available unless it is blocked, sold, or held by a
//! pending booking whose hold has not lapsed.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

use codegen::queries::seats as q;
use codegen::queries::vouchers as vq;
use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
};

use crate::catalog::layouts::{SeatCategory, group_into_rows};
use crate::catalog::screenings::screening_not_found;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::caching::AVAILABILITY;
use crate::platform::http::{JsonBody, Svg};
use crate::platform::problem::ApiError;
use crate::platform::recent::Recent;
use crate::platform::telemetry::OutcomeCounter;

/// A seat of a screening.
#[derive(Object, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MapSeat {
    /// Row and number, e.g. `F12`.
    pub label: String,
    /// 1..n, left to right as the audience sees them.
    pub number: i32,
    pub category: SeatCategory,
    /// Can be booked now: not blocked, not sold, not held by an unexpired booking.
    pub available: bool,
}

/// A row of a seat map, its seats left to right.
#[derive(Object, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MapRow {
    /// The row's label.
    pub row: String,
    pub seats: Vec<MapSeat>,
}

/// A screening's seats as of now, row by row from the front (the screen).
#[derive(Object, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SeatMap {
    /// The screening.
    pub screening_id: i64,
    /// The available seats here: the screening's `available_seats`.
    pub available_seats: i32,
    pub rows: Vec<MapRow>,
}

impl SeatMap {
    /// The rows of `seat_map` (in row and seat order), grouped into rows.
    fn from_seats(screening_id: i64, seats: Vec<q::MapSeat>) -> Self {
        let available_seats = seats.iter().filter(|seat| seat.available).count() as i32;
        let rows = group_into_rows(
            seats,
            |seat| seat.row_label.as_str(),
            |seat| MapSeat {
                label: format!("{}{}", seat.row_label, seat.number),
                number: seat.number.into(),
                category: seat.category.into(),
                available: seat.available,
            },
        );
        SeatMap {
            screening_id,
            available_seats,
            rows: rows
                .into_iter()
                .map(|(row, seats)| MapRow { row, seats })
                .collect(),
        }
    }

    /// The map drawn as SVG: the screen at the top, each row's label at both ends, seats as
    /// squares coloured by category, unavailable seats grey, blocked seats crossed, a legend
    /// at the bottom. Rows are centred under the screen. Every seat has a `<title>` (its label
    /// and state) for a tooltip. Labels are capital letters and digits, so no text needs
    /// escaping.
    pub fn to_svg(&self, blocked: &[bool]) -> String {
        const SEAT: usize = 22;
        const PITCH: usize = 26;
        const SIDE: usize = 40;
        const TOP: usize = 70;
        let widest = self.rows.iter().map(|r| r.seats.len()).max().unwrap_or(0);
        let width = 2 * SIDE + widest.max(12) * PITCH;
        let legend_y = TOP + self.rows.len() * PITCH + 20;
        let height = legend_y + 40;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">"##
        );
        let _ = write!(
            svg,
            r##"<title>Seat map of screening {id}: {available} seats available</title><rect width="100%" height="100%" fill="#ffffff"/>"##,
            id = self.screening_id,
            available = self.available_seats,
        );
        // The screen: a shallow arc across the top.
        let (left, right, mid) = (SIDE, width - SIDE, width / 2);
        let _ = write!(
            svg,
            r##"<path d="M {left} 30 Q {mid} 12 {right} 30" stroke="#333" stroke-width="4" fill="none"/><text x="{mid}" y="48" text-anchor="middle" fill="#333" letter-spacing="4">SCREEN</text>"##
        );
        let mut seat_index = 0;
        for (r, row) in self.rows.iter().enumerate() {
            let y = TOP + r * PITCH;
            let x0 = (width - row.seats.len() * PITCH) / 2;
            let text_y = y + SEAT / 2 + 4;
            let _ = write!(
                svg,
                r##"<text x="{}" y="{text_y}" text-anchor="middle" fill="#555">{}</text><text x="{}" y="{text_y}" text-anchor="middle" fill="#555">{}</text>"##,
                x0 - PITCH / 2 - 4,
                row.row,
                x0 + row.seats.len() * PITCH + PITCH / 2 + 2,
                row.row,
            );
            for (s, seat) in row.seats.iter().enumerate() {
                let is_blocked = blocked.get(seat_index).copied().unwrap_or(false);
                seat_index += 1;
                let x = x0 + s * PITCH;
                let fill = if seat.available {
                    category_colour(seat.category)
                } else {
                    UNAVAILABLE
                };
                let state = if is_blocked {
                    "blocked"
                } else if seat.available {
                    "available"
                } else {
                    "taken"
                };
                let _ = write!(
                    svg,
                    r##"<g><title>{label} · {category} · {state}</title><rect x="{x}" y="{y}" width="{SEAT}" height="{SEAT}" rx="4" fill="{fill}"/>"##,
                    label = seat.label,
                    category = category_name(seat.category),
                );
                if is_blocked {
                    let _ = write!(
                        svg,
                        r##"<path d="M {} {} L {} {} M {} {} L {} {}" stroke="#555" stroke-width="2"/>"##,
                        x + 5,
                        y + 5,
                        x + SEAT - 5,
                        y + SEAT - 5,
                        x + SEAT - 5,
                        y + 5,
                        x + 5,
                        y + SEAT - 5,
                    );
                } else if seat.category == SeatCategory::Wheelchair {
                    let _ = write!(
                        svg,
                        r##"<text x="{}" y="{}" text-anchor="middle" fill="#fff" font-weight="bold">W</text>"##,
                        x + SEAT / 2,
                        y + SEAT / 2 + 4,
                    );
                }
                svg.push_str("</g>");
            }
        }
        let legend = [
            (category_colour(SeatCategory::Standard), "standard"),
            (category_colour(SeatCategory::Premium), "premium"),
            (category_colour(SeatCategory::Wheelchair), "wheelchair"),
            (category_colour(SeatCategory::Companion), "companion"),
            (UNAVAILABLE, "taken"),
        ];
        let step = (width - 2 * SIDE) / legend.len();
        for (i, (colour, name)) in legend.iter().enumerate() {
            let x = SIDE + i * step;
            let _ = write!(
                svg,
                r##"<rect x="{x}" y="{legend_y}" width="14" height="14" rx="3" fill="{colour}"/><text x="{}" y="{}" fill="#333">{name}</text>"##,
                x + 19,
                legend_y + 11,
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

/// The colour of an unavailable seat.
const UNAVAILABLE: &str = "#c9c9c9";

fn category_colour(category: SeatCategory) -> &'static str {
    match category {
        SeatCategory::Standard => "#3b7dd8",
        SeatCategory::Premium => "#c8961e",
        SeatCategory::Wheelchair => "#2f9e5b",
        SeatCategory::Companion => "#8e62c9",
    }
}

fn category_name(category: SeatCategory) -> &'static str {
    match category {
        SeatCategory::Standard => "standard",
        SeatCategory::Premium => "premium",
        SeatCategory::Wheelchair => "wheelchair",
        SeatCategory::Companion => "companion",
    }
}

/// A seat map as JSON, reused by caches for a second at most. Written by serde, not through
/// poem-openapi's `Value`: a map has hundreds of seats.
#[derive(ApiResponse)]
enum SeatMapAnswer {
    /// The seat map.
    #[oai(status = 200)]
    Ok(
        JsonBody<Arc<SeatMap>>,
        /// `public, max-age=1`: bookings change it all the time.
        #[oai(header = "Cache-Control")]
        String,
    ),
}

/// A seat map as SVG, reused by caches for a second at most.
#[derive(ApiResponse)]
enum SeatMapPicture {
    /// The seat map as SVG.
    #[oai(status = 200)]
    Ok(
        Svg,
        /// `public, max-age=1`: bookings change it all the time.
        #[oai(header = "Cache-Control")]
        String,
    ),
}

operation_errors! {
    GetSeatMapError(Path) {
        404: "`screening_not_found`.",
    }
    GetHolderSeatMapError(Path, Query) {
        404: "`screening_not_found`.",
    }
}

/// A screening's seat map as read, which of its seats are blocked (in map order), and when
/// the next of its holds lapses (which changes the map with no write).
#[derive(Clone)]
struct ReadSeatMap {
    map: Arc<SeatMap>,
    blocked: Arc<[bool]>,
    next_lapse: Option<DateTime<Utc>>,
}

/// `/v1/screenings/{id}/seats`.
pub struct SeatMapsApi {
    /// Seat maps by screening, the voucher whose kept seats they show available (none: the
    /// public map), and the digest of what they are made from.
    recent: Recent<(i64, Option<i64>, String), ReadSeatMap>,
    /// Counts the maps answered, `database` or `memory`.
    answered: OutcomeCounter,
}

/// How long a seat map read and not asked for again is kept. While its screening's seats stay
/// as they are, each request costs a digest of a few dozen rows instead of the seats' read.
pub const SEAT_MAP_KEPT: Duration = Duration::from_secs(10);

impl SeatMapsApi {
    /// The API, counting the maps it answers in `answered` (ticketing's `seat_maps`).
    pub fn new(answered: OutcomeCounter) -> Self {
        SeatMapsApi {
            recent: Recent::new(SEAT_MAP_KEPT),
            answered,
        }
    }

    /// A screening's seats as of now, those kept for `voucher_id` available (none: the public
    /// map): read again only when a seat's holder changed since the last read (the digest of
    /// its rows, `seat_map_version`, on a shared read connection) or a hold has lapsed;
    /// requests that come while it is read share the read.
    ///
    /// Errors: 404 `screening_not_found`.
    async fn read(
        &self,
        state: &AppState,
        id: i64,
        voucher_id: Option<i64>,
    ) -> Result<ReadSeatMap, ApiError> {
        // On the primary, as the seats' read: a read replica could be behind a booking the
        // client has just made.
        let version = q::seat_map_version()
            .bind(&state.pool.get().await?, &id)
            .one()
            .await?
            .version
            .ok_or_else(|| screening_not_found(id))?;
        let fresh = AtomicBool::new(false);
        let read = async {
            fresh.store(true, Ordering::Relaxed);
            let client = state.pool.get().await?;
            let seats = q::seat_map().bind(&client, &voucher_id, &id).all().await?;
            if seats.is_empty() {
                return Err(screening_not_found(id));
            }
            let blocked = seats.iter().map(|seat| seat.blocked).collect();
            let next_lapse = seats.first().and_then(|seat| seat.next_lapse);
            Ok(ReadSeatMap {
                map: Arc::new(SeatMap::from_seats(id, seats)),
                blocked,
                next_lapse,
            })
        };
        let lapsed = |read: &ReadSeatMap| read.next_lapse.is_some_and(|at| at <= Utc::now());
        let key = (id, voucher_id, version);
        let answer = self.recent.get_or_read(&key, read, lapsed).await;
        if answer.is_ok() {
            let from = if fresh.load(Ordering::Relaxed) {
                "database"
            } else {
                "memory"
            };
            self.answered.count_as(from);
        }
        answer
    }
}

#[OpenApi(
    prefix_path = "/v1/screenings",
    tag = "crate::catalog::Tag::Screenings"
)]
impl SeatMapsApi {
    /// Get a screening's seat map
    ///
    /// Every seat, row by row from the screen, each with its category and whether it can be
    /// booked now. A seat held by a pending booking is unavailable until the hold lapses; a
    /// seat kept for a voucher's holders is unavailable, but to them: with `voucher_code`,
    /// the seats that voucher keeps read as available (a code that keeps no seats of this
    /// screening shows the public map).
    #[oai(path = "/:id/seats", method = "get", operation_id = "get_seat_map")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        /// The screening's id.
        id: Path<i64>,
        /// A voucher's code, in any case, to see the seats it keeps as available.
        #[oai(validator(pattern = "^[A-Za-z0-9-]{4,32}$"))]
        voucher_code: Query<Option<String>>,
    ) -> Result<SeatMapAnswer, GetHolderSeatMapError> {
        let voucher_id = match &voucher_code.0 {
            Some(code) => {
                let client = state.pool.get().await?;
                vq::voucher_reserving()
                    .bind(&client, code, &id.0)
                    .opt()
                    .await?
            }
            None => None,
        };
        let read = self.read(&state, id.0, voucher_id).await?;
        Ok(SeatMapAnswer::Ok(
            JsonBody(read.map),
            AVAILABILITY.to_owned(),
        ))
    }

    /// Draw a screening's seat map
    ///
    /// The seat map as an SVG picture: the screen at the top, rows labelled at both ends,
    /// seats coloured by category (grey when taken), blocked seats crossed, and a legend.
    #[oai(
        path = "/:id/seats.svg",
        method = "get",
        operation_id = "draw_seat_map"
    )]
    async fn draw(
        &self,
        state: Data<&Arc<AppState>>,
        /// The screening's id.
        id: Path<i64>,
    ) -> Result<SeatMapPicture, GetSeatMapError> {
        let read = self.read(&state, id.0, None).await?;
        let picture = Svg(read.map.to_svg(&read.blocked));
        Ok(SeatMapPicture::Ok(picture, AVAILABILITY.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::http::assert_same_json;

    /// The seat map answers through `JsonBody` (serde); the document describes it through
    /// poem-openapi. Both must write the same JSON.
    #[test]
    fn a_seat_map_serializes_as_the_document_describes() {
        let seat = |number, category, available| MapSeat {
            label: format!("A{number}"),
            number,
            category,
            available,
        };
        assert_same_json(&SeatMap {
            screening_id: 9,
            available_seats: 3,
            rows: vec![
                MapRow {
                    row: "A".into(),
                    seats: vec![
                        seat(1, SeatCategory::Standard, true),
                        seat(2, SeatCategory::Premium, false),
                        seat(3, SeatCategory::Wheelchair, true),
                        seat(4, SeatCategory::Companion, true),
                    ],
                },
                MapRow {
                    row: "B \"Ü\"".into(),
                    seats: vec![],
                },
            ],
        });
        assert_same_json(&SeatMap {
            screening_id: 1,
            available_seats: 0,
            rows: vec![],
        });
    }
}
