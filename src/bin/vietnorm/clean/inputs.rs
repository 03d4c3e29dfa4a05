//! Finding the files to clean and where each output goes.
//!
//! A directory given as the only input maps to OUTDIR itself
//! (`archive/a/b.html` → `OUTDIR/a/b.html`); with several inputs each
//! directory gets its own folder (`OUTDIR/archive/a/b.html`) and each file
//! lands directly in OUTDIR. Outputs are written uncompressed, so a `.gz`,
//! `.zst` or `.zstd` suffix is dropped; a WARC file becomes `NAME.jsonl`.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Result};
use rayon::prelude::*;

/// One file to clean.
#[derive(Debug, Clone)]
pub struct Job {
    /// The input file.
    pub src: PathBuf,
    /// Where its output goes.
    pub out: PathBuf,
    /// Its size on disk, for progress.
    pub size: u64,
}

/// A file that could not even be listed.
#[derive(Debug, Clone)]
pub struct Unlisted {
    pub path: String,
    pub reason: String,
}

/// The absolute, symlink-free form of `p`, also when its tail does not exist
/// yet (the output directory before it is created).
pub fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut existing = abs.clone();
    let mut tail: Vec<OsString> = Vec::new();
    loop {
        if let Ok(c) = fs::canonicalize(&existing) {
            let mut out = c;
            for t in tail.iter().rev() {
                out.push(t);
            }
            return Ok(lexical(&out));
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return Ok(lexical(&abs)),
        }
    }
}

/// Removes `.` and resolves `..` without touching the file system.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The output name of an input file name.
pub fn output_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut base = name;
    for suffix in [".gz", ".zst", ".zstd"] {
        if lower.ends_with(suffix) && name.len() > suffix.len() {
            base = &name[..name.len() - suffix.len()];
            break;
        }
    }
    if base.to_ascii_lowercase().ends_with(".warc") {
        return format!("{base}.jsonl");
    }
    base.to_string()
}

fn out_path(dir: &Path, rel: &Path) -> PathBuf {
    let mut out = dir.to_path_buf();
    if let Some(parent) = rel.parent() {
        out.push(parent);
    }
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.push(output_name(&name));
    out
}

/// True for our own temporary files (left by a killed run).
fn is_temp(name: &str) -> bool {
    crate::io::temp_owner(name).is_some()
}

/// Whether process `pid` still runs, when the system can tell (`/proc`).
fn alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    Path::new("/proc/self")
        .exists()
        .then(|| Path::new("/proc").join(pid.to_string()).exists())
}

/// Removes the temporary files that a killed run (SIGKILL, power loss: no
/// handler ran) left in `outdir`: those whose process is gone, or with
/// `resume` and no way to tell, all of them. Returns how many went.
pub fn remove_stale_temps(outdir: &Path, resume: bool) -> usize {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(outdir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(pid) = crate::io::temp_owner(&entry.file_name().to_string_lossy()) else {
            continue;
        };
        let stale = match alive(pid) {
            Some(a) => !a,
            None => resume,
        };
        if stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Lists every file under `inputs` with its output path under `outdir`.
/// Usage errors (an input that does not exist, an output inside an input or
/// the other way round, two inputs with the same output) are errors; files
/// that cannot be listed are returned to be reported. Reads the files'
/// sizes on the current rayon pool.
pub fn plan(inputs: &[PathBuf], outdir: &Path) -> Result<(Vec<Job>, Vec<Unlisted>)> {
    let out_abs = absolute(outdir)?;
    let mut jobs = Vec::new();
    let mut unlisted = Vec::new();
    let several = inputs.len() > 1;
    for input in inputs {
        let meta = match fs::metadata(input) {
            Ok(m) => m,
            Err(e) => bail!("cannot read input {}: {e}; check the path", input.display()),
        };
        let in_abs = absolute(input)?;
        if meta.is_dir() && out_abs.starts_with(&in_abs) {
            bail!(
                "output directory {} is inside input {}; choose an -o outside the input so \
                 vietnorm never writes into its input",
                outdir.display(),
                input.display()
            );
        }
        if in_abs.starts_with(&out_abs) {
            bail!(
                "input {} is inside output directory {}; choose another -o",
                input.display(),
                outdir.display()
            );
        }
        if meta.is_file() {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            jobs.push(Job {
                src: input.clone(),
                out: out_path(&out_abs, &name),
                size: 0, // read below with the others
            });
            continue;
        }
        let base = if several {
            let name = in_abs.file_name().map(PathBuf::from).unwrap_or_default();
            out_abs.join(name)
        } else {
            out_abs.clone()
        };
        let walker = walkdir::WalkDir::new(input)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| input.display().to_string());
                    let reason = e
                        .io_error()
                        .map(|io| io.to_string())
                        .unwrap_or_else(|| e.to_string());
                    unlisted.push(Unlisted {
                        path,
                        reason: format!("cannot list: {reason}"),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            if is_temp(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(input)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| PathBuf::from(entry.file_name()));
            jobs.push(Job {
                src: entry.path().to_path_buf(),
                out: out_path(&base, &rel),
                size: 0,
            });
        }
    }
    // the sizes: one metadata call per file, and on a cold archive each is
    // a disk seek, so they go in parallel (on the caller's rayon pool)
    jobs.par_iter_mut()
        .for_each(|j| j.size = fs::metadata(&j.src).map_or(0, |m| m.len()));
    let mut seen: HashMap<&Path, &Path> = HashMap::new();
    for j in &jobs {
        if let Some(prev) = seen.insert(&j.out, &j.src) {
            bail!(
                "{} and {} would both be written to {}; clean them in separate runs or rename one",
                prev.display(),
                j.src.display(),
                j.out.display()
            );
        }
    }
    Ok((jobs, unlisted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(output_name("a.html.gz"), "a.html");
        assert_eq!(output_name("a.jsonl.ZST"), "a.jsonl");
        assert_eq!(output_name("crawl.warc.gz"), "crawl.warc.jsonl");
        assert_eq!(output_name("a.txt"), "a.txt");
        assert_eq!(output_name(".gz"), ".gz");
    }

    #[test]
    fn temp_names() {
        let t = crate::io::temp_path(Path::new("/o/a.html"));
        let name = t.file_name().unwrap().to_string_lossy().into_owned();
        assert!(is_temp(&name));
        assert_eq!(crate::io::temp_owner(&name), Some(std::process::id()));
        assert!(!is_temp("a.html"));
        assert!(!is_temp(".a.vietnorm-x.tmp"));
        assert_eq!(alive(std::process::id()), Some(true));
    }

    #[test]
    fn lexical_paths() {
        assert_eq!(lexical(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
