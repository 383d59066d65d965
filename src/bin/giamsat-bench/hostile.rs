//! Files from outside at their worst — spreadsheet bombs, a JSON project carrying 180 MB of
//! evidence — each read in a process of its own, its time and peak memory against the goals
//! (`giamsat-bench --hostile`).

use super::goal;

/// The most memory this process has held, where the system tells it (Linux).
pub fn peak_mb() -> Option<f64> {
    super::status_mb("VmHWM:")
}

/// Runs this program again with `args`, in a process of its own; its one line of answer:
/// seconds, peak MB, what it said.
fn child(args: &[&std::ffi::OsStr]) -> Option<(f64, f64, String)> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe).args(args).output().ok()?;
    let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let mut parts = line.splitn(3, ' ');
    let secs = parts.next()?.parse().ok()?;
    let peak = parts.next()?.parse().ok()?;
    Some((secs, peak, parts.next().unwrap_or_default().to_string()))
}

/// A zip of `parts`, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        let _ = z.start_file(*name, o);
        let _ = z.write_all(bytes);
    }
    z.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// Hostile report files (each refused within 5 s and 400 MB) and a JSON project of 180 MB of
/// evidence (imported within 150 MB plus its largest file).
pub fn run() {
    println!();
    println!("— files from outside —");
    let dir = std::env::temp_dir().join(format!("giamsat-hostile-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let ods = |rows: &str| {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
        ])
    };
    let mut lying = zip_of(&[("xl/worksheets/sheet1.xml", &vec![b' '; 300 << 20])]);
    for (signature, at) in [(0x0403_4b50u32, 22usize), (0x0201_4b50, 24)] {
        let sig = signature.to_le_bytes();
        if let Some(i) = lying.windows(4).position(|w| w == sig) {
            lying[i + at..i + at + 4].copy_from_slice(&1000u32.to_le_bytes());
        }
    }
    let bombs: Vec<(&str, Vec<u8>)> = vec![
        (
            "ods: empty rows, one far cell",
            ods(
                r#"<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
            ),
        ),
        (
            "ods: a row of text repeated",
            ods(
                r#"<table:table-row table:number-rows-repeated="10000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
            ),
        ),
        ("xlsx: a part that lies about its size", lying),
    ];
    for (label, bytes) in bombs {
        let path = dir.join("bom");
        if std::fs::write(&path, &bytes).is_err() {
            println!("could not write {label}");
            continue;
        }
        match child(&["--read-report".as_ref(), path.as_os_str()]) {
            Some((secs, peak, said)) => {
                println!("{label} ({} bytes): {said}", bytes.len());
                goal("  time", secs, "s", 5.0);
                goal("  peak memory", peak, "MB", 400.0);
            }
            None => println!("{label}: the reading process failed"),
        }
    }
    // 180 MB of evidence in four files, as JSON.
    let mut d = giamsat::sample::lang_son();
    let project = dir.join("bang-chung.giamsat");
    let largest = 45u64 << 20;
    let files: Vec<std::path::PathBuf> = (0..4u64)
        .map(|i| {
            let p = dir.join(format!("minh-chung-{i}.pdf"));
            let mut x = 0x9E37_79B9_7F4A_7C15u64 ^ i;
            let bytes: Vec<u8> = (0..largest)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            let _ = std::fs::write(&p, bytes);
            p
        })
        .collect();
    let stage = dir.join("stage");
    let mut staged = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let Ok(prepared) = giamsat::store::attachments::prepare(f, &stage) else {
            println!("could not stage the evidence");
            return;
        };
        let id = giamsat::model::AttachmentId(i as i64 + 1);
        d.attachments.push(prepared.attachment(
            id,
            d.recommendations[0].id,
            chrono::Local::now().naive_local(),
            "bench",
        ));
        staged.push((id, prepared.content));
    }
    let content = giamsat::store::attachments::Files(&staged);
    let _ = giamsat::store::ProjectFile::create_with_content(&project, &d, &content);
    let json = dir.join("bang-chung.json");
    let written = std::fs::File::create(&json).and_then(|f| {
        let mut w = std::io::BufWriter::new(f);
        giamsat::exchange::write_json(&d, &mut w, &content)?;
        std::io::Write::flush(&mut w)
    });
    drop(d);
    if let Err(e) = written {
        println!("could not write the JSON: {e}");
        return;
    }
    let size = std::fs::metadata(&json).map(|m| m.len()).unwrap_or(0);
    let out = dir.join("tu-json.giamsat");
    match child(&["--read-json".as_ref(), json.as_os_str(), out.as_os_str()]) {
        Some((secs, peak, said)) => {
            println!(
                "JSON of {:.0} MB with 4 files of {} MB: {said}",
                size as f64 / 1048576.0,
                largest >> 20
            );
            println!("{:<44} {secs:>10.1} s", "  time");
            goal("  peak memory", peak, "MB", 150.0 + (largest >> 20) as f64);
        }
        None => println!("the JSON import process failed"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
