//! `vietnorm clean`: clean whole scraped archives.
//!
//! Every input file is decompressed (gzip or zstd, by magic bytes), split
//! into documents (a text or HTML file is one document; a JSONL line is
//! one; a WARC response record is one) and each document goes through
//! decode → HTML main text → normalize → diacritic repair → optional
//! boilerplate removal → optional fact extraction. Outputs mirror the input
//! tree under OUTDIR and are written atomically (temporary file + rename).
//!
//! Two passes: the first reads a sample of the archive (spread evenly over
//! its files, `--adapt-sample-mb`) to count an in-domain language model from
//! the documents that look clean (archive adaptation) and, with
//! `--strip-boilerplate`, the lines that recur across pages; the second
//! cleans everything. Both run on all cores and stream: memory holds the
//! documents in flight plus the adaptation and line counts.

mod boiler;
mod formats;
mod html;
mod inputs;
mod jsonl;
mod jsonl_read;
mod pipeline;
mod prefetch;
mod report;
mod warc;
mod warc_read;

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use vietnorm::decode::{Decoder, Encoding};
use vietnorm::extract::Extractor;
use vietnorm::lm::{LanguageModel, Mixture};
use vietnorm::normalize::Normalizer;
use vietnorm::repair::{Adaptation, Repairer};

use crate::normalize::ToneArg;
use boiler::LineCounter;
use formats::{Format, Opened};
use inputs::Job;
use pipeline::{Cleaner, Prepared, Source};
use report::{RunInfo, Stats};

/// Arguments of `vietnorm clean`.
#[derive(Debug, ClapArgs)]
#[command(after_help = "\
Outputs mirror the input tree: a directory given alone maps to OUTDIR itself, several inputs \
each get a folder named after them. Outputs are plain (uncompressed) text: `.gz`/`.zst` suffixes \
are dropped; JSONL stays JSONL with the field replaced and a `vietnorm` object added; a WARC \
file becomes NAME.warc.jsonl with one record per HTML/text response.

Interrupting (Ctrl-C, SIGTERM) removes the outputs being written and keeps the complete ones; \
run the same command with --resume to go on. Temporary files a killed run left behind \
(.NAME.vietnorm-PID.tmp) are removed by the next run.

Exit status: 0 when every document was cleaned, 1 when any file or record failed (each is \
reported on stderr with its path and reason, and the run goes on), 2 on usage errors, 130 when \
interrupted.

Examples:
  vietnorm clean archive/ -o clean/
  vietnorm clean crawl.jsonl.gz --field content -o out/ --facts facts.jsonl --report run.json
  vietnorm clean pages/ -o out/ --strip-boilerplate --resume
  cat page.html | vietnorm clean -")]
pub struct Args {
    /// Files or directories (read recursively) to clean; `-` reads standard
    /// input and writes the result to standard output.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Output directory (created if missing; must not be inside an input).
    #[arg(short, long, value_name = "OUTDIR")]
    output: Option<PathBuf>,
    /// The JSON field that holds the text in JSON Lines inputs.
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,
    /// Remove lines that recur across many pages of the archive (widgets,
    /// "related news" headings, share buttons), learned by frequency.
    #[arg(long)]
    strip_boilerplate: bool,
    /// A line is boilerplate when it appears in at least this many sampled
    /// documents ...
    #[arg(long, value_name = "N", default_value_t = 3)]
    boilerplate_min_docs: u32,
    /// ... and in at least this share of them.
    #[arg(long, value_name = "SHARE", default_value_t = 0.01)]
    boilerplate_share: f64,
    /// Write facts as JSON Lines (as `vietnorm extract` prints) to FILE.
    #[arg(long, value_name = "FILE")]
    facts: Option<PathBuf>,
    /// Skip diacritic repair.
    #[arg(long)]
    no_repair: bool,
    /// Repair with the embedded model only (no archive adaptation pass).
    #[arg(long)]
    no_adapt: bool,
    /// How much of the archive (MB, after decompression) the learning pass
    /// reads, spread evenly over the files.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    adapt_sample_mb: u64,
    /// A language model from `vietnorm train`, interpolated with the
    /// embedded one.
    #[arg(long, value_name = "FILE")]
    lm: Option<PathBuf>,
    /// Where tone marks go on oa, oe, uy.
    #[arg(long, value_enum, default_value = "keep")]
    tone: ToneArg,
    /// Force an input encoding instead of detecting it per document:
    /// utf-8, utf-16, cp1258, tcvn3, vni, viscii, viqr.
    #[arg(long, value_name = "ENCODING", default_value = "auto")]
    encoding: String,
    /// Largest document to clean (a text or HTML file after decompression,
    /// or one JSONL line); larger ones are reported as failures. Accepts
    /// K, M, G suffixes.
    #[arg(long, value_name = "BYTES", default_value = "64M", value_parser = parse_size)]
    max_bytes: u64,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Skip inputs whose output exists and is newer than the input (left
    /// complete by an earlier run; outputs are only ever renamed into place
    /// whole). With --facts, facts are appended to FILE.
    #[arg(long)]
    resume: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Write the summary and every failure as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("{s:?} is not a size; write e.g. 500000, 512K, 64M or 2G"))
}

/// An output file written through a temporary file and renamed into place
/// when complete; dropped uncommitted, the temporary file is removed. (No
/// fsync per file: the rename already guarantees that an interrupted run
/// leaves no half-written output under the real name.)
struct AtomicFile {
    w: BufWriter<File>,
    pending: Pending,
}

/// A written, closed temporary file waiting for its rename; dropped
/// uncommitted, it is removed.
struct Pending {
    tmp: PathBuf,
    path: PathBuf,
    done: bool,
}

impl AtomicFile {
    fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let tmp = crate::io::temp_path(path);
        // the output directories were made before the run; a file whose
        // directory is missing (removed meanwhile) makes it again
        let f = match crate::io::create_temp(&tmp) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
                crate::io::create_temp(&tmp)?
            }
            r => r?,
        };
        Ok(AtomicFile {
            w: BufWriter::with_capacity(256 * 1024, f),
            pending: Pending {
                tmp,
                path: path.to_path_buf(),
                done: false,
            },
        })
    }

    /// Flushes and closes the file, leaving the rename for later.
    fn close(self) -> std::io::Result<Pending> {
        let AtomicFile { mut w, pending } = self;
        w.flush()?;
        drop(w);
        Ok(pending)
    }

    fn commit(self) -> std::io::Result<()> {
        self.close()?.commit()
    }
}

impl Pending {
    fn commit(mut self) -> std::io::Result<()> {
        crate::io::commit_temp(&self.tmp, &self.path)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            crate::io::discard_temp(&self.tmp);
        }
    }
}

/// Cuts a facts file back to its last complete line (an interrupted run
/// may have stopped in the middle of one), so `--resume` appends whole
/// JSON lines.
fn drop_partial_line(path: &Path) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut f = match fs::OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let len = f.metadata()?.len();
    // look back in blocks for the last newline
    let mut end = len;
    let mut buf = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(buf.len() as u64);
        let n = (end - start) as usize;
        f.seek(SeekFrom::Start(start))?;
        f.read_exact(&mut buf[..n])?;
        if let Some(i) = buf[..n].iter().rposition(|&b| b == b'\n') {
            let keep = start + i as u64 + 1;
            if keep < len {
                f.set_len(keep)?;
            }
            return Ok(());
        }
        end = start;
    }
    f.set_len(0)
}

/// A file's results, gathered by a worker.
struct FileResult {
    stats: Stats,
    facts: Vec<u8>,
    /// With `--facts`, the output waits for its facts to be written: a run
    /// interrupted in between redoes the file on `--resume` (its facts
    /// may then appear twice, never not at all).
    pending: Option<Pending>,
}

fn is_fresh(out: &Path, src: &Path) -> bool {
    let mtime = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (mtime(out), mtime(src)) {
        (Some(o), Some(s)) => o >= s,
        (Some(_), None) => true,
        _ => false,
    }
}

fn out_name(job_out: &Path) -> String {
    job_out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Sniffs the format of an opened input.
fn sniff(opened: &mut Opened, name: &str) -> Result<Format, String> {
    let compression = opened.compression;
    let head = opened
        .reader
        .fill_buf()
        .map_err(|e| formats::read_error(&e, compression))?;
    Ok(formats::sniff(name, head))
}

/// Cleans one opened input into `out`.
// the input, where it goes, what it adds to; grouping them would only
// rename the arguments
#[allow(clippy::too_many_arguments)]
fn clean_opened(
    cleaner: &Cleaner,
    display: &str,
    mut opened: Opened,
    name: &str,
    out: &mut dyn Write,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
    cached_lines: Vec<Option<Prepared>>,
) -> Result<(), String> {
    let compression = opened.compression;
    match sniff(&mut opened, name)? {
        Format::Jsonl => jsonl::clean_stream(
            cleaner,
            display,
            &mut opened.reader,
            out,
            stats,
            facts,
            cached_lines,
        )
        .map_err(|e| formats::read_error(&e, compression)),
        Format::Warc => warc::clean_stream(cleaner, display, &mut opened.reader, out, stats, facts)
            .map_err(|e| formats::read_error(&e, compression)),
        format => {
            let t = Instant::now();
            let bytes = formats::read_all(&mut opened, cleaner.max_bytes)?;
            stats.stage_seconds.read += t.elapsed().as_secs_f64();
            let prepared = cleaner.prepare_bytes(&bytes, format, &mut stats.stage_seconds)?;
            finish_document(
                cleaner,
                display,
                prepared,
                bytes.len() as u64,
                out,
                stats,
                facts,
            )
        }
    }
}

/// Repair, boilerplate and facts on a prepared text or HTML document, and
/// its output.
fn finish_document(
    cleaner: &Cleaner,
    display: &str,
    prepared: Prepared,
    size: u64,
    out: &mut dyn Write,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
) -> Result<(), String> {
    let source = Source {
        source: display,
        record: None,
        url: None,
    };
    let (text, _) = cleaner.finish(prepared, &source, stats, facts);
    stats.bytes_in += size;
    stats.bytes_out += text.len() as u64;
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write output: {e}"))
}

/// Cleans one file of the archive; `learned` is its document when the
/// learning pass already prepared it. With `defer`, the output is left
/// for the caller to rename (after the facts are written).
fn clean_file(
    cleaner: &Cleaner,
    job: &Job,
    resume: bool,
    learned: Option<Ready>,
    defer: bool,
) -> FileResult {
    let mut stats = Stats::default();
    let mut facts = Vec::new();
    let display = job.src.display().to_string();
    if crate::io::interrupted() {
        return FileResult {
            stats,
            facts,
            pending: None,
        };
    }
    if resume && is_fresh(&job.out, &job.src) {
        stats.files_resumed += 1;
        return FileResult {
            stats,
            facts,
            pending: None,
        };
    }
    let res = (|| -> Result<Option<Pending>, String> {
        let mut local = Stats::default();
        let file = match learned {
            Some(Ready::Doc(prepared, size)) => {
                let mut file = AtomicFile::create(&job.out)
                    .map_err(|e| format!("cannot create output {}: {e}", job.out.display()))?;
                finish_document(
                    cleaner,
                    &display,
                    prepared,
                    size,
                    &mut file.w,
                    &mut local,
                    &mut facts,
                )?;
                file
            }
            other => {
                let cached_lines = match other {
                    Some(Ready::Lines(lines)) => lines,
                    _ => Vec::new(),
                };
                let opened = formats::open(&job.src)?;
                let mut file = AtomicFile::create(&job.out)
                    .map_err(|e| format!("cannot create output {}: {e}", job.out.display()))?;
                clean_opened(
                    cleaner,
                    &display,
                    opened,
                    &out_name(&job.out),
                    &mut file.w,
                    &mut local,
                    &mut facts,
                    cached_lines,
                )?;
                file
            }
        };
        let write_error =
            |e: std::io::Error| format!("cannot write output {}: {e}", job.out.display());
        let pending = if defer {
            Some(file.close().map_err(write_error)?)
        } else {
            file.commit().map_err(write_error)?;
            None
        };
        local.files += 1;
        stats.merge(local);
        Ok(pending)
    })();
    let pending = match res {
        Ok(p) => p,
        Err(reason) => {
            facts.clear();
            stats.fail(display, reason);
            None
        }
    };
    FileResult {
        stats,
        facts,
        pending,
    }
}

/// Standard input to standard output.
fn clean_stdin(cleaner: &Cleaner, stats: &mut Stats, facts: &mut Vec<u8>) -> Result<()> {
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut raw)
        .context("cannot read standard input")?;
    let opened = formats::open_bytes(raw);
    let mut buf = Vec::new();
    match clean_opened(
        cleaner,
        "<stdin>",
        opened,
        "",
        &mut buf,
        stats,
        facts,
        Vec::new(),
    ) {
        Ok(()) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
            stats.files += 1;
        }
        Err(reason) => stats.fail("<stdin>", reason),
    }
    Ok(())
}

/// Documents the learning pass already prepared (decoded, main text,
/// normalized), by job index: the cleaning pass takes them from here
/// instead of doing that work twice. Bounded by the sample budget.
type Learned = HashMap<usize, Ready>;

/// What the learning pass prepared of one file.
enum Ready {
    /// A text or HTML file's document, with its size after decompression.
    Doc(Prepared, u64),
    /// A JSONL file's texts by line index (the lines read before the
    /// sample budget ran out).
    Lines(Vec<Option<Prepared>>),
}

/// What the learning pass found.
struct Learning {
    lines: LineCounter,
    /// The archive adaptation's counts (each worker counts its own share).
    adaptation: Option<Adaptation>,
    /// Documents fed to the adaptation.
    fed: u64,
    prepared: Learned,
    /// Time spent preparing the documents in `prepared` (not redone).
    stages: report::Stages,
}

impl Learning {
    fn merge(mut self, other: Learning) -> Learning {
        self.lines = self.lines.merge(other.lines);
        self.adaptation = match (self.adaptation, other.adaptation) {
            (Some(mut a), Some(b)) => {
                a.merge(b);
                Some(a)
            }
            (a, b) => a.or(b),
        };
        self.fed += other.fed;
        self.prepared.extend(other.prepared);
        self.stages.merge(&other.stages);
        self
    }
}

/// The learning pass: counts the sampled documents for the archive
/// adaptation of `adapt` and counts their lines (boilerplate).
fn learn(
    cleaner: &Cleaner,
    jobs: &[Job],
    budget: u64,
    count_lines: bool,
    adapt: Option<&Repairer>,
    stdin: Option<&[u8]>,
) -> Learning {
    let total: u64 = jobs.iter().map(|j| j.size).sum::<u64>().max(1);
    // every k-th file, so the sample spreads over the whole archive
    let stride = total.div_ceil(budget.max(1)).max(1) as usize;
    let used = AtomicU64::new(0);
    let sample: Vec<(usize, &Job)> = jobs.iter().enumerate().step_by(stride).collect();
    let feed = |counter: &mut LineCounter,
                adaptation: &mut Option<Adaptation>,
                fed: &mut u64,
                text: &str,
                size: usize|
     -> bool {
        if count_lines {
            counter.add_document(text);
        }
        if let Some(a) = adaptation {
            a.add(text);
            *fed += 1;
        }
        used.fetch_add(size as u64, Ordering::Relaxed) + (size as u64) < budget
    };
    let learn_opened =
        |learning: &mut Learning, mut opened: Opened, name: &str, index: Option<usize>| {
            let (counter, adaptation, fed) = (
                &mut learning.lines,
                &mut learning.adaptation,
                &mut learning.fed,
            );
            match sniff(&mut opened, name) {
                Ok(Format::Jsonl) => {
                    let mut lines: Vec<Option<Prepared>> = Vec::new();
                    let mut stages = report::Stages::default();
                    jsonl::for_each_text(cleaner, &mut opened.reader, &mut stages, |i, p, n| {
                        let go = feed(counter, adaptation, fed, &p.text, n);
                        if index.is_some() {
                            if lines.len() <= i {
                                lines.resize_with(i + 1, || None);
                            }
                            lines[i] = Some(p);
                        }
                        go
                    });
                    if let Some(i) = index {
                        learning.stages.merge(&stages);
                        learning.prepared.insert(i, Ready::Lines(lines));
                    }
                }
                Ok(Format::Warc) => warc::for_each_text(cleaner, &mut opened.reader, |p, n| {
                    feed(counter, adaptation, fed, &p.text, n)
                }),
                Ok(format) => {
                    if let Ok(bytes) = formats::read_all(&mut opened, cleaner.max_bytes) {
                        let mut stages = report::Stages::default();
                        if let Ok(p) = cleaner.prepare_bytes(&bytes, format, &mut stages) {
                            feed(counter, adaptation, fed, &p.text, bytes.len());
                            if let Some(i) = index {
                                learning.stages.merge(&stages);
                                learning
                                    .prepared
                                    .insert(i, Ready::Doc(p, bytes.len() as u64));
                            }
                        }
                    }
                }
                Err(_) => {}
            }
        };
    let empty = || Learning {
        lines: LineCounter::default(),
        adaptation: adapt.map(Repairer::adaptation),
        fed: 0,
        prepared: HashMap::new(),
        stages: report::Stages::default(),
    };
    if let Some(bytes) = stdin {
        let mut learning = empty();
        learn_opened(&mut learning, formats::open_bytes(bytes.to_vec()), "", None);
        return learning;
    }
    let files: Vec<&Job> = sample.iter().map(|&(_, job)| job).collect();
    let progress = prefetch::Progress::new(files.len());
    std::thread::scope(|s| {
        let _stop = prefetch::StopOnDrop(&progress);
        s.spawn(|| prefetch::run(&files, &progress, |_| false));
        sample
            .par_iter()
            .enumerate()
            .fold(empty, |mut learning, (k, &(index, job))| {
                progress.start(k);
                if used.load(Ordering::Relaxed) < budget {
                    if let Ok(opened) = formats::open(&job.src) {
                        learn_opened(&mut learning, opened, &out_name(&job.out), Some(index));
                    }
                }
                learning
            })
            .reduce(empty, Learning::merge)
    })
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(4));
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

fn spinner(quiet: bool, msg: &'static str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    pb.set_message(msg);
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

/// Refuses a `--facts`/`--report` file that is an input or inside one.
fn check_side_file(path: &Path, inputs: &[PathBuf], what: &str) -> Result<()> {
    let abs = inputs::absolute(path)?;
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        let in_abs = inputs::absolute(input)?;
        if abs.starts_with(&in_abs) {
            bail!(
                "{what} file {} is inside input {}; write it outside the input",
                path.display(),
                input.display()
            );
        }
    }
    Ok(())
}

fn build_repairer(args: &Args) -> Result<Option<Repairer>> {
    if args.no_repair {
        return Ok(None);
    }
    let mut b = Repairer::builder().tone(args.tone.into());
    if let Some(path) = &args.lm {
        let bytes = fs::read(path)
            .with_context(|| format!("cannot read language model {}", path.display()))?;
        let custom = LanguageModel::from_bytes(&bytes).with_context(|| {
            format!(
                "{} is not a vietnorm language model; make one with `vietnorm train`",
                path.display()
            )
        })?;
        b = b.model(Mixture::new(vec![
            (LanguageModel::embedded().clone(), 0.5),
            (custom, 0.5),
        ]));
    }
    Ok(Some(b.build()?))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let start = Instant::now();
    let stdin_mode = args.inputs.iter().any(|p| p.as_os_str() == "-");
    if stdin_mode && args.inputs.len() > 1 {
        bail!("`-` (standard input) cannot be combined with other inputs; run them separately");
    }
    if !stdin_mode && args.output.is_none() {
        bail!("missing -o OUTDIR: say where the cleaned files go, e.g. `vietnorm clean archive/ -o clean/`");
    }
    if !(0.0..=1.0).contains(&args.boilerplate_share) {
        bail!("--boilerplate-share must be between 0 and 1");
    }
    for (file, what) in [(&args.facts, "facts"), (&args.report, "report")] {
        if let Some(f) = file {
            check_side_file(f, &args.inputs, what)?;
        }
    }
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let (jobs, unlisted) = match &args.output {
        Some(out) if !stdin_mode => pool.install(|| inputs::plan(&args.inputs, out))?,
        _ => (Vec::new(), Vec::new()),
    };
    crate::io::remove_temps_on_interrupt()?;
    if let Some(out) = args.output.as_ref().filter(|_| !stdin_mode) {
        let n = inputs::remove_stale_temps(out, args.resume);
        if n > 0 && !args.quiet {
            eprintln!(
                "vietnorm: removed {n} unfinished temporary files left by an interrupted run"
            );
        }
    }
    // No NFC in the decoder: the normalizer, which every document goes
    // through next, composes what needs it (NFC twice was a sixth of the
    // time of a run without repair).
    let decoder = match args.encoding.as_str() {
        "auto" => Decoder::builder().nfc(false).build(),
        name => {
            let enc: Encoding = name.parse().map_err(|_| {
                anyhow::anyhow!(
                    "unknown encoding {name:?}; use auto, utf-8, utf-16, cp1258, tcvn3, vni, viscii or viqr"
                )
            })?;
            Decoder::builder().encoding(enc).nfc(false).build()
        }
    };
    let normalizer = Normalizer::builder().tone(args.tone.into()).build()?;
    let extractor = match args.facts {
        Some(_) => Some(Extractor::new()?),
        None => None,
    };
    let mut cleaner = Cleaner {
        decoder,
        normalizer,
        repairer: build_repairer(&args)?,
        boiler: None,
        extractor,
        field: args.field.clone(),
        max_bytes: args.max_bytes,
    };
    let mut stdin_bytes: Option<Vec<u8>> = None;
    let mut learned = Learned::new();
    let mut learned_stages = report::Stages::default();
    let adapt = cleaner.repairer.is_some() && !args.no_adapt;
    let mut info = RunInfo {
        threads: pool.current_num_threads(),
        output: args
            .output
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<stdout>".into()),
        ..RunInfo::default()
    };

    // Pass 1: learn from a sample.
    if adapt || args.strip_boilerplate {
        let learning_start = Instant::now();
        if stdin_mode {
            let mut raw = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut raw)
                .context("cannot read standard input")?;
            stdin_bytes = Some(raw);
        }
        let spin = spinner(
            args.quiet,
            "learning from a sample of the archive (adaptation model, boilerplate lines)",
        );
        let budget = args.adapt_sample_mb.saturating_mul(1_000_000);
        // every worker counts the documents it prepares: a single counting
        // thread fed by the others was the one serial step of a run
        let learning = pool.install(|| {
            learn(
                &cleaner,
                &jobs,
                budget,
                args.strip_boilerplate,
                cleaner.repairer.as_ref().filter(|_| adapt),
                stdin_bytes.as_deref(),
            )
        });
        let counter = learning.lines;
        learned = learning.prepared;
        learned_stages = learning.stages;
        if let (Some(a), Some(r)) = (learning.adaptation, &cleaner.repairer) {
            cleaner.repairer = Some(r.adapted(a));
            info.adaptation_documents = learning.fed;
        }
        spin.finish_and_clear();
        info.learning_seconds = learning_start.elapsed().as_secs_f64();
        if args.strip_boilerplate {
            let b = counter.finish(args.boilerplate_min_docs, args.boilerplate_share);
            info.boilerplate_learned = b.len() as u64;
            cleaner.boiler = Some(b);
        }
    }

    // Pass 2: clean everything.
    let mut total = Stats {
        stage_seconds: learned_stages,
        ..Stats::default()
    };
    for u in unlisted {
        eprintln!("vietnorm: {}: {}", u.path, u.reason);
        total.fail(u.path, u.reason);
    }
    let mut facts_out: Option<BufWriter<File>> = match &args.facts {
        Some(p) => {
            let f = if args.resume {
                drop_partial_line(p)
                    .with_context(|| format!("cannot read facts file {}", p.display()))?;
                fs::OpenOptions::new().create(true).append(true).open(p)
            } else {
                File::create(p)
            }
            .with_context(|| format!("cannot create facts file {}", p.display()))?;
            Some(BufWriter::new(f))
        }
        None => None,
    };
    if stdin_mode {
        let mut facts = Vec::new();
        match stdin_bytes {
            Some(raw) => {
                let opened = formats::open_bytes(raw);
                let mut buf = Vec::new();
                match clean_opened(
                    &cleaner,
                    "<stdin>",
                    opened,
                    "",
                    &mut buf,
                    &mut total,
                    &mut facts,
                    Vec::new(),
                ) {
                    Ok(()) => {
                        let mut out = std::io::stdout().lock();
                        out.write_all(&buf)?;
                        out.flush()?;
                        total.files += 1;
                    }
                    Err(reason) => total.fail("<stdin>", reason),
                }
            }
            None => clean_stdin(&cleaner, &mut total, &mut facts)?,
        }
        if let Some(f) = &mut facts_out {
            f.write_all(&facts)?;
        }
    } else if let Some(out) = &args.output {
        fs::create_dir_all(out)
            .with_context(|| format!("cannot create output directory {}", out.display()))?;
        // every output directory once, not a mkdir per file
        let mut dirs: Vec<&Path> = jobs.iter().filter_map(|j| j.out.parent()).collect();
        dirs.dedup();
        for d in dirs {
            fs::create_dir_all(d)
                .with_context(|| format!("cannot create output directory {}", d.display()))?;
        }
        let pb = progress_bar(jobs.iter().map(|j| j.size).sum(), args.quiet);
        let docs = AtomicU64::new(0);
        // Files go in chunks so facts come out in input order with bounded memory.
        let defer = facts_out.is_some();
        let learned = Mutex::new(learned);
        let has_learned = !learned.lock().map(|l| l.is_empty()).unwrap_or(true);
        // With --resume most files may be skipped unread: no reading ahead.
        let progress = prefetch::Progress::new(jobs.len());
        let read_ahead = !args.resume;
        std::thread::scope(|s| -> Result<()> {
            let _stop = prefetch::StopOnDrop(&progress);
            if read_ahead {
                let (jobs, progress, learned) = (&jobs, &progress, &learned);
                // files the learning pass read are done already
                let skip = move |i: usize| {
                    has_learned && learned.lock().map(|l| l.contains_key(&i)).unwrap_or(false)
                };
                s.spawn(move || prefetch::run(jobs, progress, skip));
            }
            for (c, chunk) in jobs.chunks(256).enumerate() {
                let results: Vec<FileResult> = pool.install(|| {
                    chunk
                        .par_iter()
                        .enumerate()
                        .map(|(i, job)| {
                            progress.start(c * 256 + i);
                            let mine = if has_learned {
                                learned
                                    .lock()
                                    .ok()
                                    .and_then(|mut l| l.remove(&(c * 256 + i)))
                            } else {
                                None
                            };
                            let r = clean_file(&cleaner, job, args.resume, mine, defer);
                            if !crate::io::interrupted() {
                                for f in &r.stats.failures {
                                    pb.suspend(|| eprintln!("vietnorm: {}: {}", f.path, f.reason));
                                }
                            }
                            let n = docs.fetch_add(r.stats.documents, Ordering::Relaxed)
                                + r.stats.documents;
                            pb.inc(job.size);
                            if !pb.is_hidden() {
                                let secs = pb.elapsed().as_secs_f64().max(1e-3);
                                pb.set_message(format!("{n} docs, {:.0} docs/s", n as f64 / secs));
                            }
                            r
                        })
                        .collect()
                });
                let mut pending = Vec::new();
                for r in results {
                    if let Some(f) = &mut facts_out {
                        f.write_all(&r.facts)
                            .context("cannot write the facts file")?;
                    }
                    total.merge(r.stats);
                    pending.extend(r.pending);
                }
                if let Some(f) = &mut facts_out {
                    f.flush().context("cannot write the facts file")?;
                }
                // outputs only once their facts are on disk
                for p in pending {
                    let path = p.path.clone();
                    if let Err(e) = p.commit() {
                        let reason = format!("cannot write output {}: {e}", path.display());
                        eprintln!("vietnorm: {}: {reason}", path.display());
                        total.files = total.files.saturating_sub(1);
                        total.fail(path.display().to_string(), reason);
                    }
                }
            }
            Ok(())
        })?;
        pb.finish_and_clear();
    }
    if let Some(mut f) = facts_out {
        f.flush().context("cannot write the facts file")?;
    }
    let secs = start.elapsed().as_secs_f64();
    info.seconds = secs;
    info.mb_per_second = total.bytes_in as f64 / 1e6 / secs.max(1e-9);
    if !args.quiet {
        eprint!("{}", report::summary(&total, &info));
    }
    if let Some(path) = &args.report {
        let rep = report::Report {
            vietnorm: env!("CARGO_PKG_VERSION"),
            ok: total.failures.is_empty(),
            run: &info,
            stats: &total,
        };
        let mut json = serde_json::to_vec_pretty(&rep)?;
        json.push(b'\n');
        crate::io::write_atomic(path, &json)?;
    }
    Ok(if total.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
