//! Benchmarks of each stage of `check` and of the whole run, at 1,000, 10,000 and 100,000
//! teams of a generated organisation (`scaleguard_testkit::generate`, clean, seed 1). Results and the
//! machine are in docs/performance.md; run with `cargo bench --bench pipeline`, or one size
//! with `cargo bench --bench pipeline -- 10000`.
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use scaleguard::report::{self, Summary};
use scaleguard::source;
use scaleguard_testkit::generate::{self, Options};

/// The binary's allocator (src/main.rs), so that the stages cost here what they cost in
/// `scaleguard check`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn organisation(teams: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let g = generate::generate(&Options { teams, ..Options::default() });
    generate::write(&g, dir.path()).unwrap();
    let paths = vec![dir.path().to_path_buf()];
    (dir, paths)
}

fn stages(c: &mut Criterion) {
    let today = jiff::civil::date(2026, 6, 1);
    for teams in SIZES {
        let (_dir, paths) = organisation(teams);
        let mut group = c.benchmark_group(format!("{teams} teams"));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("read", teams), |b| b.iter(|| source::load(&paths).unwrap()));
        let (sources, _) = source::load(&paths).unwrap();
        group.bench_function(BenchmarkId::new("parse", teams), |b| {
            b.iter(|| scaleguard::syntax::parse_all(&sources).0.len())
        });
        let (files, _) = scaleguard::syntax::parse_all(&sources);
        group.bench_function(BenchmarkId::new("resolve", teams), |b| {
            b.iter(|| scaleguard::model::resolve(&files).0.teams.len())
        });
        let (model, _) = scaleguard::model::resolve(&files);
        drop(files);
        group.bench_function(BenchmarkId::new("checks", teams), |b| {
            b.iter(|| {
                let cx = scaleguard::checks::Context::new(&model, today);
                scaleguard::checks::evaluate(&cx).outcomes.len()
            })
        });
        let cx = scaleguard::checks::Context::new(&model, today);
        let evaluation = scaleguard::checks::evaluate(&cx);
        group.bench_function(BenchmarkId::new("score", teams), |b| {
            b.iter(|| scaleguard::score::Score::summary(&evaluation))
        });
        group.bench_function(BenchmarkId::new("score with explanation", teams), |b| {
            b.iter(|| scaleguard::score::Score::of(&evaluation, &model))
        });
        let analysis = scaleguard::analyse(source::load(&paths).unwrap().0, Vec::new(), today);
        let summary = Summary::of(&analysis.diagnostics, analysis.sources.len());
        let score = scaleguard::score::Score::summary(analysis.evaluation.as_ref().unwrap());
        group.bench_function(BenchmarkId::new("render json", teams), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                report::json::write(
                    &mut out,
                    &analysis.diagnostics,
                    &analysis.sources,
                    &summary,
                    Some(&score),
                )
                .unwrap();
                out.len()
            })
        });
        group.bench_function(BenchmarkId::new("whole check", teams), |b| {
            b.iter(|| {
                let (sources, errors) = source::load(&paths).unwrap();
                let a = scaleguard::analyse(sources, errors, today);
                let score = scaleguard::score::Score::summary(a.evaluation.as_ref().unwrap());
                let mut out = Vec::new();
                let summary = Summary::of(&a.diagnostics, a.sources.len());
                report::json::write(&mut out, &a.diagnostics, &a.sources, &summary, Some(&score)).unwrap();
                out.len()
            })
        });
        group.finish();
    }
}

/// Rendering cost per finding must not grow with the number of findings: 10 and 10,000
/// findings (SG501 on teams given 12 developers) rendered as JSON and human text.
fn findings(c: &mut Criterion) {
    let today = jiff::civil::date(2026, 6, 1);
    let mut group = c.benchmark_group("render per finding");
    group.sample_size(10);
    for n in [10usize, 10_000] {
        let g = generate::generate(&Options { teams: 10_000, chunk: 10_000, ..Options::default() });
        let files: Vec<source::SourceFile> = g
            .files
            .iter()
            .map(|(name, text)| {
                // Oversize the first `n` teams: `developers` lists get extra people.
                let mut text = text.clone();
                if name.starts_with("teams-") {
                    text = oversize(&text, n);
                }
                source::SourceFile::new(name.as_str(), text)
            })
            .collect();
        let a = scaleguard::analyse(source::SourceMap::from_files(files), Vec::new(), today);
        let summary = Summary::of(&a.diagnostics, a.sources.len());
        group.throughput(criterion::Throughput::Elements(a.diagnostics.len() as u64));
        group.bench_function(BenchmarkId::new("json", n), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                report::json::write::<()>(&mut out, &a.diagnostics, &a.sources, &summary, None).unwrap();
                out.len()
            })
        });
        group.bench_function(BenchmarkId::new("human", n), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                report::human::write(&mut out, &a.diagnostics, &a.sources, &summary, "", Default::default())
                    .unwrap();
                out.len()
            })
        });
    }
    group.finish();
}

/// Replaces `developers ...` lines with a head count of 12 for the first `n` teams of a file.
fn oversize(text: &str, n: usize) -> String {
    let mut left = n;
    text.lines()
        .map(|line| {
            if left > 0 && line.trim_start().starts_with("developers ") {
                left -= 1;
                "  developers 12".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

criterion_group!(benches, stages, findings);
criterion_main!(benches);
