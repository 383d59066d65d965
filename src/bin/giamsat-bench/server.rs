//! `giamsat-bench --server URL`: a project of 100 000 figures on a PostgreSQL server beside the
//! same project in a file — the time to open it, a change's round trip to another client, and
//! the changes per second twenty clients get through at once. URL is a database the bench may
//! prepare (`server init`) and put a project in (an administrator's or the owner's login).

use giamsat::model::{Edit, Record};
use giamsat::store::server::{Address, Server, ServerProject};
use giamsat::store::{NoContent, ProjectStore};
use std::time::{Duration, Instant};

const FIGURES: usize = 100_000;
const CLIENTS: usize = 20;
const EACH: usize = 25;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn run(url: &str) {
    if let Err(e) = measure(url) {
        println!("could not measure: {e}");
    }
}

fn measure(url: &str) -> Result<(), String> {
    let address = Address::parse(url)?;
    let mut server = Server::connect(&address).map_err(|e| e.to_string())?;
    server.init().map_err(|e| e.to_string())?;
    println!("— a project of about {FIGURES} figures, on {address} and in a file —");
    let d = super::scaled(FIGURES);
    println!("figures: {}, areas: {}", d.allocations.len(), d.areas.len());

    let dir = std::env::temp_dir().join(format!("giamsat-bench-server-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("scale.giamsat");
    giamsat::store::ProjectFile::create(&path, &d).map_err(|e| e.to_string())?;
    let mut file_times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        giamsat::store::ProjectFile::open_and_load(&path, giamsat::store::Access::ReadOnly)
            .map_err(|e| e.to_string())?;
        file_times.push(ms(start.elapsed()));
    }
    println!(
        "{:<44} {:>10.0} ms",
        "open the file (median of 3)",
        median(file_times)
    );
    let _ = std::fs::remove_dir_all(&dir);

    let start = Instant::now();
    let id = server
        .push(&d, &NoContent, "giamsat-bench")
        .map_err(|e| e.to_string())?;
    println!(
        "{:<44} {:>10.0} ms",
        "push it to the server (preparation)",
        ms(start.elapsed())
    );
    let project = address.with_project(id);
    let mut open_times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let mut s = Server::connect(&project).map_err(|e| e.to_string())?;
        let loaded = s.load(id).map_err(|e| e.to_string())?;
        open_times.push(ms(start.elapsed()));
        if loaded.dossier.allocations.len() != d.allocations.len() {
            return Err("the project came back with other figures".into());
        }
    }
    super::goal(
        "open it from the server (median of 3)",
        median(open_times) / 1000.0,
        "s",
        2.0,
    );
    drop(d);

    // A change's round trip: written by one client, announced to another, which reads it.
    let mut watcher = Server::connect(&project).map_err(|e| e.to_string())?;
    watcher.listen().map_err(|e| e.to_string())?;
    let mut seen = watcher.last_seq(id).map_err(|e| e.to_string())?;
    let mut writer = ServerProject::open(&project).map_err(|e| e.to_string())?;
    let mut info = writer
        .server
        .load(id)
        .map_err(|e| e.to_string())?
        .dossier
        .info;
    let mut trips = Vec::new();
    for n in 0..30 {
        let mut next = info.clone();
        next.notes = format!("lần {n}");
        let edit = Edit::update(Record::Info(info.clone()), Record::Info(next.clone()));
        let start = Instant::now();
        writer
            .write_change("giamsat-bench", &[edit], &NoContent)
            .map_err(|e| e.to_string())?;
        loop {
            watcher
                .wait(Duration::from_secs(5))
                .map_err(|e| e.to_string())?;
            let got = watcher.changes_since(id, seen).map_err(|e| e.to_string())?;
            if let Some(last) = got.last() {
                seen = last.seq;
                break;
            }
        }
        trips.push(ms(start.elapsed()));
        info = next;
    }
    super::goal(
        "a change to another client (median)",
        median(trips.clone()),
        "ms",
        300.0,
    );
    println!(
        "{:<44} {:>10.1} ms",
        "… slowest of 30",
        trips.iter().copied().fold(0.0, f64::max)
    );

    // Twenty clients at once, each changing figures of its own (timed once all have loaded).
    let ready = std::sync::Arc::new(std::sync::Barrier::new(CLIENTS));
    let handles: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let project = project.clone();
            let ready = std::sync::Arc::clone(&ready);
            std::thread::spawn(move || -> Result<(usize, Instant, Instant), String> {
                let loaded = ServerProject::open(&project)
                    .and_then(|mut s| s.server.load(id).map(|l| (s, l.dossier)));
                ready.wait();
                let (mut s, d) = loaded.map_err(|e| e.to_string())?;
                let start = Instant::now();
                let mut done = 0;
                for k in 0..EACH {
                    let Some(a) = d.allocations.get(i * EACH + k) else {
                        break;
                    };
                    let mut b = a.clone();
                    b.note = format!("đã đối chiếu {i}.{k}");
                    s.write_change(
                        "giamsat-bench",
                        &[Edit::update(
                            Record::Allocation(a.clone()),
                            Record::Allocation(b),
                        )],
                        &NoContent,
                    )
                    .map_err(|e| e.to_string())?;
                    done += 1;
                }
                Ok((done, start, Instant::now()))
            })
        })
        .collect();
    let mut total = 0;
    let (mut first, mut last) = (None::<Instant>, None::<Instant>);
    for h in handles {
        let (done, start, end) = h.join().map_err(|_| "a client panicked".to_string())??;
        total += done;
        first = Some(first.map_or(start, |f| f.min(start)));
        last = Some(last.map_or(end, |l| l.max(end)));
    }
    let secs = match (first, last) {
        (Some(f), Some(l)) => l.duration_since(f).as_secs_f64(),
        _ => f64::NAN,
    };
    println!(
        "{:<44} {:>10.0} changes/s ({total} changes by {CLIENTS} clients in {secs:.2} s)",
        "throughput with 20 clients",
        total as f64 / secs
    );
    Ok(())
}
