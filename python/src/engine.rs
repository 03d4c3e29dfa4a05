//! The pipeline in plain Rust: no Python types here, so everything in this
//! file runs with the GIL released and on any number of threads.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use vietnorm::decode::{self, Decoder, Encoding};
use vietnorm::extract::{Extractor, Fact, FactKind};
use vietnorm::normalize::{Normalizer, TonePolicy};
use vietnorm::repair::{Repairer, Strength};
use vietnorm::{CharOffsets, Error};

/// A message for `VietnormError`.
pub type Failure = String;

/// Parses a tone policy name (`keep`, `classic`, `modern`).
pub fn tone_policy(name: &str) -> Result<TonePolicy, Failure> {
    name.parse::<TonePolicy>().map_err(|e: Error| e.to_string())
}

/// Parses a repair strength name (`gentle`, `auto`, `firm`).
pub fn strength(name: &str) -> Result<Strength, Failure> {
    match name {
        "gentle" => Ok(Strength::Gentle),
        "auto" => Ok(Strength::Auto),
        "firm" => Ok(Strength::Firm),
        _ => Err(format!(
            "unknown repair strength '{name}': expected gentle, auto or firm"
        )),
    }
}

/// Parses an encoding name (`utf-8`, `cp1258`, `tcvn3`, `vni`, …).
pub fn encoding(name: &str) -> Result<Encoding, Failure> {
    name.parse::<Encoding>().map_err(|e: Error| e.to_string())
}

/// Parses fact kind names (`document_ref`, `date`, …).
pub fn kinds(names: &[String]) -> Result<Vec<FactKind>, Failure> {
    names
        .iter()
        .map(|n| {
            FactKind::from_name(n).ok_or_else(|| {
                let all: Vec<&str> = FactKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown fact kind '{n}': expected one of {}",
                    all.join(", ")
                )
            })
        })
        .collect()
}

/// One input document: text, or bytes still to be decoded.
pub enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

/// Facts of one text with code-point offsets.
pub struct CharFacts {
    pub facts: Vec<(Fact, usize, usize)>,
}

/// decode → normalize → repair → extract, configured once. Immutable,
/// `Send + Sync`, cheap to clone.
#[derive(Clone)]
pub struct Engine {
    decoder: Decoder,
    normalizer: Normalizer,
    repairer: Option<Repairer>,
    extractor: Option<Extractor>,
}

impl Engine {
    /// Builds the pipeline. The extractor is built only when `extract` is
    /// true (its dictionaries are compiled once per process).
    pub fn new(
        tone: TonePolicy,
        repair: bool,
        strength: Strength,
        kinds: Option<&[FactKind]>,
        extract: bool,
        encoding: Option<Encoding>,
    ) -> Result<Engine, Failure> {
        let normalizer = Normalizer::builder()
            .tone(tone)
            .build()
            .map_err(|e| e.to_string())?;
        let repairer = if repair {
            Some(
                Repairer::builder()
                    .tone(tone)
                    .strength(strength)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        } else {
            None
        };
        let extractor = if extract {
            let mut b = Extractor::builder();
            if let Some(k) = kinds {
                b = b.kinds(k);
            }
            Some(b.build().map_err(|e| e.to_string())?)
        } else {
            None
        };
        let decoder = match encoding {
            Some(e) => Decoder::builder().encoding(e).build(),
            None => Decoder::new(),
        };
        Ok(Engine {
            decoder,
            normalizer,
            repairer,
            extractor,
        })
    }

    /// Cleans text that is already decoded: mojibake repair, normalization,
    /// diacritic repair.
    pub fn clean_text(&self, text: &str) -> String {
        let (fixed, _) = decode::repair_mojibake(text);
        self.clean_decoded(&fixed).into_owned()
    }

    // normalize → repair, on text the decoder produced (mojibake already done).
    fn clean_decoded<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let normalized = self.normalizer.normalize(text);
        match &self.repairer {
            Some(r) => match r.repair_text(&normalized).text {
                Cow::Owned(s) => Cow::Owned(s),
                Cow::Borrowed(_) => normalized,
            },
            None => normalized,
        }
    }

    /// Decodes bytes and cleans the text.
    pub fn clean_bytes(&self, bytes: &[u8]) -> String {
        let decoded = self.decoder.decode(bytes);
        self.clean_decoded(&decoded.text).into_owned()
    }

    /// Cleans one input of either kind.
    pub fn clean_input(&self, input: &Input) -> String {
        match input {
            Input::Text(t) => self.clean_text(t),
            Input::Bytes(b) => self.clean_bytes(b),
        }
    }

    // decode (bytes) or mojibake repair (text), then normalize: what repair sees
    fn prepare(&self, input: &Input) -> String {
        match input {
            Input::Text(t) => {
                let (fixed, _) = decode::repair_mojibake(t);
                self.normalizer.normalize(&fixed).into_owned()
            }
            Input::Bytes(b) => {
                let d = self.decoder.decode(b);
                self.normalizer.normalize(&d.text).into_owned()
            }
        }
    }

    /// A copy whose repairer is adapted to an archive: a model counted from
    /// the documents that look clean, mixed with the current one.
    pub fn adapt(&self, inputs: &[Input], threads: Option<usize>) -> Result<Engine, Failure> {
        let Some(r) = &self.repairer else {
            return Err("adapt() needs a pipeline with repair=True".to_string());
        };
        // each worker counts what it prepares; the counts merge exactly
        let counts = on_pool(threads, || {
            inputs
                .par_iter()
                .fold(
                    || r.adaptation(),
                    |mut a, i| {
                        a.add(&self.prepare(i));
                        a
                    },
                )
                .reduce(
                    || r.adaptation(),
                    |mut a, b| {
                        a.merge(b);
                        a
                    },
                )
        })?;
        let mut e = self.clone();
        e.repairer = Some(r.adapted(counts));
        Ok(e)
    }

    /// Decodes bytes with this engine's decoder.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> decode::Decoded<'a> {
        self.decoder.decode(bytes)
    }

    /// Facts of `text` as given (no cleaning), with code-point offsets.
    pub fn extract(&self, text: &str) -> Result<CharFacts, Failure> {
        let Some(x) = &self.extractor else {
            return Err("this pipeline was built without extraction".to_string());
        };
        let facts = x.extract(text);
        if facts.is_empty() {
            return Ok(CharFacts { facts: Vec::new() });
        }
        let offsets = CharOffsets::new(text);
        let mut out = Vec::with_capacity(facts.len());
        for f in facts {
            let (Some(s), Some(e)) = (
                offsets.char_offset(f.span.start),
                offsets.char_offset(f.span.end),
            ) else {
                return Err(format!(
                    "internal error: fact span {}..{} is not on a character boundary",
                    f.span.start, f.span.end
                ));
            };
            out.push((f, s, e));
        }
        Ok(CharFacts { facts: out })
    }

    /// Cleans, then extracts from the cleaned text.
    pub fn process(&self, input: &Input) -> Result<(String, CharFacts), Failure> {
        let text = self.clean_input(input);
        let facts = self.extract(&text)?;
        Ok((text, facts))
    }
}

/// Runs `f` on a thread pool of `threads` threads (all cores when `None`).
///
/// Pools are made here rather than taken from rayon's global pool, and
/// remembered with the process id: a process forked after a batch (Spark's
/// Python workers, `multiprocessing` with `fork`) inherits a pool whose
/// threads do not exist in the child, so the child builds its own.
pub fn on_pool<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> Result<T, Failure> {
    let n = match threads {
        Some(0) => return Err("threads must be at least 1".to_string()),
        Some(n) => n,
        None => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    };
    let pool = pool(n)?;
    Ok(pool.install(f))
}

type PoolCache = Vec<(u32, usize, Arc<rayon::ThreadPool>)>;

fn pool(n: usize) -> Result<Arc<rayon::ThreadPool>, Failure> {
    static POOLS: Mutex<PoolCache> = Mutex::new(Vec::new());
    let pid = std::process::id();
    let mut pools = POOLS.lock().unwrap_or_else(|p| p.into_inner());
    pools.retain(|(p, _, _)| *p == pid);
    if let Some((_, _, p)) = pools.iter().find(|(_, size, _)| *size == n) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("vietnorm-{i}"))
        .build()
        .map_err(|e| format!("cannot start {n} worker threads: {e}"))?;
    let p = Arc::new(p);
    pools.push((pid, n, p.clone()));
    Ok(p)
}

/// Cleans every input on the pool.
pub fn clean_all(
    engine: &Engine,
    inputs: &[Input],
    threads: Option<usize>,
) -> Result<Vec<String>, Failure> {
    on_pool(threads, || {
        inputs
            .par_iter()
            .with_max_len(1)
            .map(|i| engine.clean_input(i))
            .collect()
    })
}

/// Cleans and extracts every input on the pool.
pub fn process_all(
    engine: &Engine,
    inputs: &[Input],
    threads: Option<usize>,
) -> Result<Vec<(String, CharFacts)>, Failure> {
    on_pool(threads, || {
        inputs
            .par_iter()
            .with_max_len(1)
            .map(|i| engine.process(i))
            .collect::<Result<Vec<_>, Failure>>()
    })?
}

/// Extracts from every text (as given) on the pool.
pub fn extract_all(
    engine: &Engine,
    texts: &[String],
    threads: Option<usize>,
) -> Result<Vec<CharFacts>, Failure> {
    on_pool(threads, || {
        texts
            .par_iter()
            .with_max_len(1)
            .map(|t| engine.extract(t))
            .collect::<Result<Vec<_>, Failure>>()
    })?
}
