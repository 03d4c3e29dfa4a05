//! Inputs and outputs shared by the subcommands.
//!
//! Inputs are files or stdin (`-` or no file). Output goes to stdout, to one
//! file (`-o FILE`, one input) or into a directory (`-o DIR`, one output per
//! input, same file name). Outputs are written atomically (temporary file +
//! rename) and never over an input.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;

/// Where inputs come from and where outputs go.
#[derive(Debug, Clone, ClapArgs)]
pub struct IoArgs {
    /// Input files; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write to FILE (one input) or into directory DIR (one output per input,
    /// same file name). Default: standard output.
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
}

/// One input: its display name and, for files, its path.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub path: Option<PathBuf>,
}

impl IoArgs {
    /// The inputs in order (stdin when none was named).
    pub fn inputs(&self) -> Vec<Input> {
        if self.files.is_empty() {
            return vec![stdin_input()];
        }
        self.files
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    stdin_input()
                } else {
                    Input {
                        name: p.display().to_string(),
                        path: Some(p.clone()),
                    }
                }
            })
            .collect()
    }
}

fn stdin_input() -> Input {
    Input {
        name: "<stdin>".to_string(),
        path: None,
    }
}

/// Reads an input's bytes.
pub fn read_input(input: &Input) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    match &input.path {
        None => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .context("cannot read standard input")?;
        }
        Some(p) => {
            buf = fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        }
    }
    Ok(buf)
}

/// Turns raw input bytes into text through the decoder: any Vietnamese
/// encoding is detected, mojibake repaired, the text made NFC; undecodable
/// bytes become U+FFFD.
pub fn bytes_to_text(bytes: &[u8]) -> String {
    vietnorm::decode::decode(bytes).into_string()
}

/// Where results go.
#[derive(Debug)]
pub enum Sink {
    Stdout,
    File(PathBuf),
    Dir(PathBuf),
}

impl Sink {
    /// Chooses the sink for `args` and checks it never lands on an input.
    pub fn new(args: &IoArgs, inputs: &[Input]) -> Result<Sink> {
        let Some(out) = &args.output else {
            return Ok(Sink::Stdout);
        };
        if out.as_os_str() == "-" {
            return Ok(Sink::Stdout);
        }
        let as_dir =
            out.is_dir() || inputs.len() > 1 || out.as_os_str().to_string_lossy().ends_with('/');
        let sink = if as_dir {
            fs::create_dir_all(out)
                .with_context(|| format!("cannot create output directory {}", out.display()))?;
            Sink::Dir(out.clone())
        } else {
            Sink::File(out.clone())
        };
        for input in inputs {
            if let Some(p) = &input.path {
                let target = sink.target_for(input);
                if let Some(t) = target {
                    if same_file(p, &t) {
                        bail!(
                            "output {} would overwrite input {}; choose another -o",
                            t.display(),
                            p.display()
                        );
                    }
                }
            }
        }
        Ok(sink)
    }

    fn target_for(&self, input: &Input) -> Option<PathBuf> {
        match self {
            Sink::Stdout => None,
            Sink::File(p) => Some(p.clone()),
            Sink::Dir(d) => {
                let name = input
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(PathBuf::from);
                Some(d.join(name.unwrap_or_else(|| PathBuf::from("stdin.txt"))))
            }
        }
    }

    /// Writes one result.
    pub fn write(&self, input: &Input, data: &[u8]) -> Result<()> {
        match self.target_for(input) {
            None => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                lock.write_all(data)?;
                lock.flush()?;
                Ok(())
            }
            Some(t) => write_atomic(&t, data),
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Temporary files being written, so that an interrupt (Ctrl-C, SIGTERM,
/// SIGHUP) can remove them before the process ends.
struct InFlight {
    /// Set by the interrupt handler: no new temporary file may start.
    stopping: AtomicBool,
    /// Temporary files between creation and registration (see `create_temp`).
    creating: AtomicUsize,
    paths: Mutex<BTreeSet<PathBuf>>,
}

static IN_FLIGHT: InFlight = InFlight {
    stopping: AtomicBool::new(false),
    creating: AtomicUsize::new(0),
    paths: Mutex::new(BTreeSet::new()),
};

fn in_flight_paths() -> std::sync::MutexGuard<'static, BTreeSet<PathBuf>> {
    IN_FLIGHT
        .paths
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The temporary name an output is written under before its rename:
/// hidden, in the same directory, named after the output and this process
/// (`.NAME.vietnorm-PID.tmp`).
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.vietnorm-{}.tmp", std::process::id()))
}

/// The process id in a temporary file name made by [`temp_path`], if
/// `name` is one.
pub fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = rest.rsplit_once(".vietnorm-")?;
    pid.parse().ok()
}

/// Creates the temporary file `tmp` and registers it for removal on an
/// interrupt. Creation happens outside the lock (workers do not serialize
/// on it); the `creating` count lets the handler wait for a file created
/// but not yet registered.
pub fn create_temp(tmp: &Path) -> std::io::Result<fs::File> {
    let stopped = || std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted");
    if interrupted() {
        return Err(stopped());
    }
    // count first, then check: the handler either sees this file counted or
    // this worker sees the flag
    IN_FLIGHT.creating.fetch_add(1, Ordering::SeqCst);
    let res = if interrupted() {
        Err(stopped())
    } else {
        fs::File::create(tmp).inspect(|_| {
            in_flight_paths().insert(tmp.to_path_buf());
        })
    };
    IN_FLIGHT.creating.fetch_sub(1, Ordering::SeqCst);
    res
}

/// True once an interrupt arrived: workers stop starting new work.
pub fn interrupted() -> bool {
    IN_FLIGHT.stopping.load(Ordering::SeqCst)
}

/// Renames a finished temporary file into place.
pub fn commit_temp(tmp: &Path, path: &Path) -> std::io::Result<()> {
    let res = fs::rename(tmp, path);
    in_flight_paths().remove(tmp);
    res
}

/// Removes an unfinished temporary file.
pub fn discard_temp(tmp: &Path) {
    let _ = fs::remove_file(tmp);
    in_flight_paths().remove(tmp);
}

/// On Ctrl-C, SIGTERM or SIGHUP: removes every temporary file in flight and
/// exits with status 130, so an interrupted run leaves only complete
/// outputs (under their real names) behind.
pub fn remove_temps_on_interrupt() -> Result<()> {
    ctrlc::set_handler(|| {
        IN_FLIGHT.stopping.store(true, Ordering::SeqCst);
        // a worker between create and register finishes registering
        let start = std::time::Instant::now();
        while IN_FLIGHT.creating.load(Ordering::SeqCst) > 0
            && start.elapsed() < std::time::Duration::from_secs(2)
        {
            std::thread::yield_now();
        }
        // held until exit: no rename or registration after this
        let paths = in_flight_paths();
        for p in paths.iter() {
            let _ = fs::remove_file(p);
        }
        eprintln!(
            "vietnorm: interrupted; {} unfinished output files removed, complete ones kept \
             (run again with --resume to go on)",
            paths.len()
        );
        std::process::exit(130);
    })
    .context("cannot install the Ctrl-C handler")
}

/// Writes `data` to `path` through a temporary file in the same directory
/// and a rename, so an interrupted run leaves no half-written file.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let res = (|| -> Result<()> {
        let mut f =
            create_temp(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(data)?;
        f.sync_all()?;
        commit_temp(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    })();
    if res.is_err() {
        discard_temp(&tmp);
    }
    res
}

/// Runs `f` over every input, writing each result; a failing input is
/// reported on stderr with its name and the run goes on. Exit code 1 when
/// any input failed.
pub fn for_each_input(
    args: &IoArgs,
    mut f: impl FnMut(&Input, Vec<u8>) -> Result<Vec<u8>>,
) -> Result<ExitCode> {
    let inputs = args.inputs();
    let sink = Sink::new(args, &inputs)?;
    let mut failed = 0usize;
    for input in &inputs {
        let res = read_input(input)
            .and_then(|bytes| f(input, bytes))
            .and_then(|out| sink.write(input, &out));
        if let Err(e) = res {
            if is_broken_pipe(&e) {
                return Err(e);
            }
            eprintln!("vietnorm: {}: {e:#}", input.name);
            failed += 1;
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// True when the error is a closed pipe on stdout.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
