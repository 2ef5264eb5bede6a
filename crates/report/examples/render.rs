//! Renders a report model from a JSON file as PDF and prints how long it took.
//!
//! `cargo run --release -p lofte-report --example render -- report.json out.pdf`
//! (the crate's tests write a sample to `target/report-sample.json`).

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: render REPORT.json OUT.pdf".into());
    };
    let report: lofte_report::Report = serde_json::from_slice(&std::fs::read(input)?)?;

    let start = Instant::now();
    let first = lofte_report::render_pdf_detailed(&report)?;
    let cold = start.elapsed();
    let mut warm = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        lofte_report::render_pdf(&report)?;
        warm.push(start.elapsed());
    }
    warm.sort();
    // Warm, but with changed data: typst's cache cannot reuse the whole layout.
    let mut changed = Vec::new();
    for i in 0..5 {
        let mut report = report.clone();
        report.as_of = format!("{} ({i})", report.as_of);
        if let Some(c) = report.commitments.first_mut() {
            c.text = format!("{} {i}", c.text);
        }
        let start = Instant::now();
        lofte_report::render_pdf(&report)?;
        changed.push(start.elapsed());
    }
    changed.sort();
    std::fs::write(output, &first.bytes)?;
    println!(
        "first render {cold:?}; warm, same data {:?}; warm, changed data {:?} (medians of \
         5); {} bytes; PDF/UA-1: {}",
        warm[2],
        changed[2],
        first.bytes.len(),
        first.pdf_ua
    );
    if let Some(problem) = first.ua_problem {
        println!("{problem}");
    }
    Ok(())
}
