//! Best available: which block of adjacent seats a party gets, decided on the rows' bitmaps
//! (`screening_rows`, migration 000021). Pure rules, unit-tested here; the booking that
//! applies them under the rows' locks is [`super::holds`].
//!
//! - A block is `wanted` adjacent free standard seats of one row: a party is never split.
//! - Rows are ranked by their distance from the row two thirds of the way back (the one
//!   behind first on a tie); blocks within a row by the distance of their middle from the
//!   row's middle (the left one first on a tie).
//! - A block **strands** a seat when it leaves a lone free seat beside it: a free seat whose
//!   other neighbour is taken, blocked or the row's end (any category: a lone premium seat is
//!   as hard to sell as a lone standard one). While any row has a block that strands none,
//!   only such blocks are taken ([`Rule::StrandsNone`]); only when no row has one may a
//!   block strand a seat ([`Rule::Any`]). So a screening sells out: what is left when a party
//!   is refused are seats no party of that size could take.

use codegen::queries::seats::SeatRow;

/// Whether seat `number` (from 1) is set in a row's bitmap: bit `number − 1`, the least
/// significant bit of the first byte first (PostgreSQL's `get_bit` on `bytea`).
pub fn has(bits: &[u8], number: i16) -> bool {
    let Ok(bit) = usize::try_from(number - 1) else {
        return false;
    };
    bits.get(bit / 8)
        .is_some_and(|byte| byte >> (bit % 8) & 1 == 1)
}

/// Which blocks a booking may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Only blocks that leave no lone seat.
    StrandsNone,
    /// Any block: no row has one that leaves no lone seat.
    Any,
}

/// `len` adjacent seats of a row, from seat `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The row.
    pub row_index: i16,
    /// The leftmost seat's number.
    pub first: i16,
    /// How many seats.
    pub len: i16,
}

impl Block {
    /// The seats' numbers, left to right.
    pub fn numbers(&self) -> impl Iterator<Item = i16> + use<> {
        self.first..self.first + self.len
    }
}

/// Each block of `wanted` free standard seats of `row`, left to right, with whether it
/// strands a seat.
fn each_block(row: &SeatRow, wanted: i16) -> impl Iterator<Item = (Block, bool)> + '_ {
    let free = move |n: i16| (1..=row.seats).contains(&n) && has(&row.free, n);
    // How many sellable seats end at the current one: a block ends where it reaches `wanted`.
    let mut run = 0;
    (1..=row.seats).filter_map(move |last| {
        run = if free(last) && has(&row.standard, last) {
            run + 1
        } else {
            0
        };
        if wanted < 1 || run < wanted {
            return None;
        }
        let first = last - wanted + 1;
        // A lone free seat just left or right of the block.
        let strands = (free(first - 1) && !free(first - 2)) || (free(last + 1) && !free(last + 2));
        let block = Block {
            row_index: row.row_index,
            first,
            len: wanted,
        };
        Some((block, strands))
    })
}

/// How far a block's middle is from its row's middle, doubled so that it is an integer.
fn distance(row: &SeatRow, block: &Block) -> i32 {
    (2 * i32::from(block.first) + i32::from(block.len) - i32::from(row.seats) - 2).abs()
}

/// The best block of `row` that `rule` allows: nearest the row's middle, the left one first
/// on a tie.
pub fn best_block(row: &SeatRow, wanted: i16, rule: Rule) -> Option<Block> {
    each_block(row, wanted)
        .filter(|&(_, strands)| rule == Rule::Any || !strands)
        .map(|(block, _)| block)
        .min_by_key(|block| (distance(row, block), block.first))
}

/// The block to take in a row locked after a plan was made on a snapshot: one that strands no
/// seat if the row has one now, whatever the plan's `rule` (a seat taken since the snapshot
/// can leave a block with no lone seat beside it, and then only such blocks may be taken),
/// else the best `rule` allows.
pub fn block_under_lock(row: &SeatRow, wanted: i16, rule: Rule) -> Option<Block> {
    best_block(row, wanted, Rule::StrandsNone).or_else(|| best_block(row, wanted, rule))
}

/// The rows of a screening (front to back, as `seat_rows` reads them) in the order best
/// available tries them: by distance from the row two thirds of the way back, the one behind
/// first on a tie.
pub fn ranked(rows: &[SeatRow]) -> Vec<&SeatRow> {
    let target = ((rows.len() as f64) * 2.0 / 3.0).round().max(1.0) as usize;
    let mut ranked: Vec<(usize, &SeatRow)> =
        rows.iter().enumerate().map(|(i, r)| (i + 1, r)).collect();
    ranked.sort_by_key(|(position, _)| (position.abs_diff(target), std::cmp::Reverse(*position)));
    ranked.into_iter().map(|(_, row)| row).collect()
}

/// What a snapshot of the rows says to try: the rule that applies, and the rows in rank
/// order from the first that has a block under it (a row further on may have none: check
/// with [`best_block`] before locking it).
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The rule every block taken must follow.
    pub rule: Rule,
    /// The rows to try, best first.
    pub rows: Vec<&'a SeatRow>,
}

/// The plan for a party of `wanted` on these rows: blocks that strand no seat if any row has
/// one, else any block. `None` when no row has a block. The rows are ranked once, and looked
/// at only as far as the first with such a block.
pub fn plan(rows: &[SeatRow], wanted: i16) -> Option<Plan<'_>> {
    let mut ranked = ranked(rows);
    for rule in [Rule::StrandsNone, Rule::Any] {
        if let Some(first) = ranked
            .iter()
            .position(|row| best_block(row, wanted, rule).is_some())
        {
            ranked.drain(..first);
            return Some(Plan { rule, rows: ranked });
        }
    }
    None
}

/// The block best available would give a party of `wanted` on these rows (as the rows are:
/// the caller holds them), with the index of its row in `rows`; `None` when no row has one.
pub fn choose(rows: &[SeatRow], wanted: i16) -> Option<(usize, Block)> {
    let plan = plan(rows, wanted)?;
    plan.rows.iter().find_map(|row| {
        let block = best_block(row, wanted, plan.rule)?;
        let index = rows.iter().position(|r| r.row_index == row.row_index)?;
        Some((index, block))
    })
}

/// Marks the seats of `block` taken in `row`'s free bitmap: what a transaction that took them
/// now knows of the row it holds, before it looks for another block in it.
pub fn mark_taken(row: &mut SeatRow, block: Block) {
    for n in block.numbers() {
        let bit = (n - 1) as usize;
        if let Some(byte) = row.free.get_mut(bit / 8) {
            *byte &= !(1 << (bit % 8));
        }
    }
}

/// How many standard seats of these rows are free.
pub fn free_standard_seats(rows: &[SeatRow]) -> i32 {
    rows.iter()
        .map(|row| {
            (1..=row.seats)
                .filter(|&n| has(&row.free, n) && has(&row.standard, n))
                .count() as i32
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Row `index` as a string: `.` a free standard seat, `x` taken, `#` blocked, `p` a free
    /// premium seat, `P` a taken premium seat.
    fn row(index: i16, seats: &str) -> SeatRow {
        let bytes = seats.len().div_ceil(8);
        let (mut standard, mut free) = (vec![0u8; bytes], vec![0u8; bytes]);
        for (i, c) in seats.chars().enumerate() {
            if c == '.' || c == 'x' {
                standard[i / 8] |= 1 << (i % 8);
            }
            if c == '.' || c == 'p' {
                free[i / 8] |= 1 << (i % 8);
            }
        }
        SeatRow {
            row_index: index,
            label: ((b'A' + index as u8 - 1) as char).to_string(),
            seats: seats.len() as i16,
            standard,
            free,
        }
    }

    /// The first seats of the blocks `rule` allows, best first.
    fn firsts(row: &SeatRow, wanted: i16, rule: Rule) -> Vec<i16> {
        let mut blocks: Vec<Block> = each_block(row, wanted)
            .filter(|&(_, strands)| rule == Rule::Any || !strands)
            .map(|(b, _)| b)
            .collect();
        blocks.sort_by_key(|b| (distance(row, b), b.first));
        let best = best_block(row, wanted, rule);
        assert_eq!(best, blocks.first().copied(), "best_block takes the best");
        blocks.into_iter().map(|b| b.first).collect()
    }

    fn planned(rows: &[SeatRow], wanted: i16) -> Option<(Rule, Vec<i16>)> {
        plan(rows, wanted).map(|p| (p.rule, p.rows.iter().map(|r| r.row_index).collect()))
    }

    #[test]
    fn bits_are_read_as_postgresql_writes_them() {
        // set_bit(bytes, 0, 1) and set_bit(bytes, 9, 1) on two zero bytes: \x0102.
        let bits = [0b0000_0001, 0b0000_0010];
        assert!(has(&bits, 1) && has(&bits, 10));
        assert!(!has(&bits, 2) && !has(&bits, 9) && !has(&bits, 17) && !has(&bits, 0));
    }

    #[test]
    fn blocks_in_a_row_go_from_the_middle_outwards_left_first() {
        let empty = row(1, "..........");
        assert_eq!(firsts(&empty, 2, Rule::Any), [5, 4, 6, 3, 7, 2, 8, 1, 9]);
        assert_eq!(firsts(&empty, 3, Rule::Any)[..3], [4, 5, 3]);
        assert_eq!(firsts(&empty, 1, Rule::Any)[..2], [5, 6]);
        // Not in taken, blocked or premium seats.
        assert_eq!(firsts(&row(1, "..x.#.pp.."), 2, Rule::Any), [1, 9]);
    }

    #[test]
    fn a_block_that_leaves_a_lone_seat_strands_it() {
        let empty = row(1, "..........");
        // Only the pairs that leave a single seat at the row's end strand it.
        assert_eq!(firsts(&empty, 2, Rule::StrandsNone), [5, 4, 6, 3, 7, 1, 9]);
        // A lone free premium seat counts too, as does one beside a taken seat.
        assert_eq!(firsts(&row(1, "xp....x"), 2, Rule::StrandsNone), [5]);
        // A single takes a seat at the edge of a run of three, not its middle.
        assert_eq!(firsts(&row(1, "x...x"), 1, Rule::StrandsNone), [2, 4]);
        // Nothing left to strand: the last pair of a run of two.
        assert_eq!(firsts(&row(1, "xx..xx"), 2, Rule::StrandsNone), [3]);
    }

    #[test]
    fn under_lock_a_block_that_strands_none_wins_whatever_the_plan_said() {
        // Seat 1 was taken since a snapshot in which every pair stranded a seat: 2-3 now
        // strands none, while 5-6, nearer the middle, leaves 7 alone.
        let pairs = row(1, "x..x...x");
        assert_eq!(best_block(&pairs, 2, Rule::Any).map(|b| b.first), Some(5));
        assert_eq!(
            block_under_lock(&pairs, 2, Rule::Any).map(|b| b.first),
            Some(2)
        );
        assert_eq!(
            block_under_lock(&row(1, "x.x"), 1, Rule::Any).map(|b| b.first),
            Some(2)
        );
        assert_eq!(block_under_lock(&row(1, "x.x.x"), 2, Rule::Any), None);
    }

    #[test]
    fn rows_are_ranked_from_two_thirds_back_the_one_behind_first() {
        let rows: Vec<SeatRow> = (1..=10).map(|i| row(i, "....")).collect();
        let order: Vec<i16> = ranked(&rows).iter().map(|r| r.row_index).collect();
        assert_eq!(order, [7, 8, 6, 9, 5, 10, 4, 3, 2, 1]);
        let one = [row(1, "..")];
        assert_eq!(ranked(&one).len(), 1);
    }

    #[test]
    fn a_stranding_block_is_planned_only_when_no_row_has_another() {
        // Row B's only pair strands a seat; row A has a clean one further from the target.
        // Ranked B, C, A; only A has a pair that strands no seat.
        let rows = [row(1, "xx..xx"), row(2, "x...x"), row(3, "xxxx")];
        assert_eq!(planned(&rows, 2), Some((Rule::StrandsNone, vec![1])));
        // Ranked A, B: A's pairs both strand a seat, and no row has another.
        let rows = [row(1, "x...x"), row(2, "xxxx")];
        assert_eq!(planned(&rows, 2), Some((Rule::Any, vec![1, 2])));
        assert_eq!(planned(&[row(1, "x.x.x")], 2), None);
        assert_eq!(free_standard_seats(&[row(1, "x.x.p"), row(2, "..")]), 4);
    }

    /// Couples fill rows of ten one at a time with the clean blocks: every seat sold, none
    /// stranded.
    #[test]
    fn couples_one_at_a_time_fill_rows_of_ten() {
        let mut rows: Vec<SeatRow> = (1..=3).map(|i| row(i, "..........")).collect();
        let mut sold = 0;
        while let Some((rule, order)) = planned(&rows, 2) {
            let index = order[0];
            let row = rows.iter_mut().find(|r| r.row_index == index).unwrap();
            let block = best_block(row, 2, rule).unwrap();
            assert_eq!(rule, Rule::StrandsNone);
            mark_taken(row, block);
            sold += 1;
        }
        assert_eq!((sold, free_standard_seats(&rows)), (15, 0));
    }
}
