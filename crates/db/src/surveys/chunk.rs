//! How stored survey responses are laid out: blocks of up to [`ROWS`] respondents, one
//! blob per block, each column contiguous and fixed-width (little-endian):
//!
//! ```text
//! "LSC1" | rows: u32 | items: u16 | year: u16×rows | area: u16×rows | gender: u16×rows
//!        | age_band: u16×rows | weight: f64×rows | answers of item 1: u8×rows | …
//! ```
//!
//! Responses never change once imported, so there is nothing to update in place: a block
//! is written once and read whole. Reading a column is a copy of a byte range, and the
//! tally walks plain slices. Why not Arrow or Parquet: their crates would double the
//! build on a two-core machine for a format of six fixed-width column kinds.

use lofte_domain::survey::Columns;

/// Respondents per block: large enough that per-block costs vanish, small enough that a
/// block (about 1.5 MB with seven items) is a modest allocation.
pub const ROWS: usize = 65_536;

const MAGIC: &[u8; 4] = b"LSC1";

/// A block being filled during an import.
#[derive(Debug)]
pub struct BlockWriter {
    year: Vec<u16>,
    area: Vec<u16>,
    gender: Vec<u16>,
    age_band: Vec<u16>,
    weight: Vec<f64>,
    answers: Vec<Vec<u8>>,
}

impl BlockWriter {
    pub fn new(items: usize) -> BlockWriter {
        BlockWriter {
            year: Vec::with_capacity(ROWS),
            area: Vec::with_capacity(ROWS),
            gender: Vec::with_capacity(ROWS),
            age_band: Vec::with_capacity(ROWS),
            weight: Vec::with_capacity(ROWS),
            answers: (0..items).map(|_| Vec::with_capacity(ROWS)).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.weight.len()
    }

    pub fn is_full(&self) -> bool {
        self.len() == ROWS
    }

    pub fn push(
        &mut self,
        year: u16,
        area: u16,
        gender: u16,
        age_band: u16,
        weight: f64,
        answers: &[u8],
    ) {
        self.year.push(year);
        self.area.push(area);
        self.gender.push(gender);
        self.age_band.push(age_band);
        self.weight.push(weight);
        for (column, &a) in self.answers.iter_mut().zip(answers) {
            column.push(a);
        }
    }

    /// The block's bytes; the writer is empty afterwards.
    pub fn take(&mut self) -> Vec<u8> {
        let rows = self.len();
        let mut out = Vec::with_capacity(10 + rows * (16 + self.answers.len()));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(rows as u32).to_le_bytes());
        out.extend_from_slice(&(self.answers.len() as u16).to_le_bytes());
        for column in [&self.year, &self.area, &self.gender, &self.age_band] {
            out.extend(column.iter().flat_map(|v| v.to_le_bytes()));
        }
        out.extend(self.weight.iter().flat_map(|v| v.to_le_bytes()));
        for column in &self.answers {
            out.extend_from_slice(column);
        }
        self.year.clear();
        self.area.clear();
        self.gender.clear();
        self.age_band.clear();
        self.weight.clear();
        self.answers.iter_mut().for_each(Vec::clear);
        out
    }
}

/// A block read back, owning its columns.
#[derive(Debug, Default)]
pub struct Block {
    year: Vec<u16>,
    area: Vec<u16>,
    gender: Vec<u16>,
    age_band: Vec<u16>,
    weight: Vec<f64>,
    answers: Vec<Vec<u8>>,
}

impl Block {
    /// Decodes a stored blob; `None` if it is not one (a corrupt database).
    pub fn decode(data: &[u8]) -> Option<Block> {
        let header = data.get(..10)?;
        if &header[..4] != MAGIC {
            return None;
        }
        let rows = u32::from_le_bytes(header[4..8].try_into().ok()?) as usize;
        let items = usize::from(u16::from_le_bytes(header[8..10].try_into().ok()?));
        if data.len() != 10 + rows * (16 + items) {
            return None;
        }
        let mut at = 10;
        let mut u16s = || {
            let column = data[at..at + 2 * rows]
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect::<Vec<u16>>();
            at += 2 * rows;
            column
        };
        let (year, area, gender, age_band) = (u16s(), u16s(), u16s(), u16s());
        let weight = data[at..at + 8 * rows]
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        at += 8 * rows;
        let answers = (0..items)
            .map(|k| data[at + k * rows..at + (k + 1) * rows].to_vec())
            .collect();
        Some(Block {
            year,
            area,
            gender,
            age_band,
            weight,
            answers,
        })
    }

    /// The block without the rows of `year`, encoded again, and how many rows it keeps
    /// (replacing one year of an import that holds several).
    pub fn without_year(&self, year: u16) -> (Vec<u8>, usize) {
        let mut writer = BlockWriter::new(self.answers.len());
        let mut answers = vec![0u8; self.answers.len()];
        for row in 0..self.year.len() {
            if self.year[row] == year {
                continue;
            }
            for (k, column) in self.answers.iter().enumerate() {
                answers[k] = column[row];
            }
            writer.push(
                self.year[row],
                self.area[row],
                self.gender[row],
                self.age_band[row],
                self.weight[row],
                &answers,
            );
        }
        let kept = writer.len();
        (writer.take(), kept)
    }

    /// The answer columns as slices, for [`Block::columns`].
    pub fn answer_slices(&self) -> Vec<&[u8]> {
        self.answers.iter().map(Vec::as_slice).collect()
    }

    /// The block as the tally reads it.
    pub fn columns<'a>(
        &'a self,
        answers: &'a [&'a [u8]],
        item_positions: &'a [usize],
    ) -> Columns<'a> {
        Columns {
            year: &self.year,
            area: &self.area,
            gender: &self.gender,
            age_band: &self.age_band,
            weight: &self.weight,
            answers,
            item_positions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_reads_back_what_was_written() {
        let mut w = BlockWriter::new(2);
        w.push(2021, 1, 2, 3, 1.25, &[1, 0]);
        w.push(2022, 0, 1, 4, 0.5, &[4, 10]);
        let bytes = w.take();
        assert_eq!(w.len(), 0);
        let b = Block::decode(&bytes).expect("decodes");
        assert_eq!(b.year, [2021, 2022]);
        assert_eq!(b.area, [1, 0]);
        assert_eq!(b.gender, [2, 1]);
        assert_eq!(b.age_band, [3, 4]);
        assert_eq!(b.weight, [1.25, 0.5]);
        assert_eq!(b.answers, [vec![1, 4], vec![0, 10]]);
        assert!(Block::decode(&bytes[..bytes.len() - 1]).is_none());
    }
}
