//! Finding respondent ids that occur twice in a file, in memory that does not grow with
//! the file: ids are gathered in runs of [`RUN`], each run sorted and, once a second run
//! starts, spilled to a temporary file; the runs are then merged and equal neighbours are
//! duplicates (an external merge sort). A hash set would be simpler but holds every id
//! of the file at once.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

/// Ids per run: about 4 MB of ids and line numbers for typical ids.
const RUN: usize = 131_072;

/// A duplicate: the later line and the first line with the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    pub line: u64,
    pub first_line: u64,
}

#[derive(Default)]
pub struct DuplicateFinder {
    bytes: Vec<u8>,
    /// (start, end, line) into `bytes`.
    entries: Vec<(u32, u32, u64)>,
    spilled: Vec<File>,
}

impl DuplicateFinder {
    pub fn new() -> DuplicateFinder {
        DuplicateFinder::default()
    }

    pub fn push(&mut self, id: &str, line: u64) -> io::Result<()> {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(id.as_bytes());
        self.entries.push((start, self.bytes.len() as u32, line));
        if self.entries.len() == RUN {
            self.spill()?;
        }
        Ok(())
    }

    fn sort(&mut self) {
        let bytes = &self.bytes;
        self.entries.sort_unstable_by(|a, b| {
            bytes[a.0 as usize..a.1 as usize]
                .cmp(&bytes[b.0 as usize..b.1 as usize])
                .then(a.2.cmp(&b.2))
        });
    }

    fn spill(&mut self) -> io::Result<()> {
        self.sort();
        let mut file = BufWriter::new(tempfile::tempfile()?);
        for &(start, end, line) in &self.entries {
            let id = &self.bytes[start as usize..end as usize];
            file.write_all(&(id.len() as u16).to_le_bytes())?;
            file.write_all(id)?;
            file.write_all(&line.to_le_bytes())?;
        }
        let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        self.spilled.push(file);
        self.bytes.clear();
        self.entries.clear();
        Ok(())
    }

    /// Every duplicate, up to `limit`, in the order of their ids.
    pub fn finish(mut self, limit: usize) -> io::Result<Vec<Duplicate>> {
        let mut found = Vec::new();
        if self.spilled.is_empty() {
            // One run: no files at all.
            self.sort();
            let id = |e: &(u32, u32, u64)| &self.bytes[e.0 as usize..e.1 as usize];
            let mut first: Option<&(u32, u32, u64)> = None;
            for e in &self.entries {
                match first {
                    Some(f) if id(f) == id(e) => {
                        if found.len() < limit {
                            found.push(Duplicate {
                                line: e.2,
                                first_line: f.2,
                            });
                        }
                    }
                    _ => first = Some(e),
                }
            }
            return Ok(found);
        }
        if !self.entries.is_empty() {
            self.spill()?;
        }
        let mut runs: Vec<BufReader<File>> = self
            .spilled
            .into_iter()
            .map(|f| BufReader::with_capacity(16 * 1024, f))
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some((id, line)) = read_entry(run)? {
                heap.push(Reverse((id, line, i)));
            }
        }
        let mut first: Option<(Vec<u8>, u64)> = None;
        while let Some(Reverse((id, line, i))) = heap.pop() {
            if let Some(next) = read_entry(&mut runs[i])? {
                heap.push(Reverse((next.0, next.1, i)));
            }
            match &first {
                Some((first_id, first_line)) if *first_id == id => {
                    if found.len() < limit {
                        found.push(Duplicate {
                            line,
                            first_line: *first_line,
                        });
                    }
                }
                _ => first = Some((id, line)),
            }
        }
        Ok(found)
    }
}

fn read_entry(run: &mut impl Read) -> io::Result<Option<(Vec<u8>, u64)>> {
    let mut len = [0u8; 2];
    match run.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut id = vec![0u8; usize::from(u16::from_le_bytes(len))];
    run.read_exact(&mut id)?;
    let mut line = [0u8; 8];
    run.read_exact(&mut line)?;
    Ok(Some((id, u64::from_le_bytes(line))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicates(ids: &[String]) -> Vec<Duplicate> {
        let mut finder = DuplicateFinder::new();
        for (i, id) in ids.iter().enumerate() {
            finder.push(id, i as u64 + 2).unwrap();
        }
        let mut found = finder.finish(usize::MAX).unwrap();
        found.sort_by_key(|d| d.line);
        found
    }

    #[test]
    fn finds_duplicates_within_one_run() {
        let ids: Vec<String> = ["a", "b", "a", "c", "b", "a"].map(String::from).to_vec();
        assert_eq!(
            duplicates(&ids),
            [
                Duplicate {
                    line: 4,
                    first_line: 2
                },
                Duplicate {
                    line: 6,
                    first_line: 3
                },
                Duplicate {
                    line: 7,
                    first_line: 2
                },
            ]
        );
    }

    #[test]
    fn finds_duplicates_across_spilled_runs() {
        // Three runs' worth, with duplicates between the first and the last run.
        let mut ids: Vec<String> = (0..RUN * 2 + 10).map(|i| format!("R{i}")).collect();
        ids.push("R5".into());
        ids.push(format!("R{}", RUN + 3));
        let found = duplicates(&ids);
        let n = ids.len() as u64;
        assert_eq!(
            found,
            [
                Duplicate {
                    line: n,
                    first_line: 7
                },
                Duplicate {
                    line: n + 1,
                    first_line: RUN as u64 + 5
                },
            ]
        );
    }
}
