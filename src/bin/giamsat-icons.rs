//! Writes GiamSat's icon in every size packages need, from `assets/icon/giamsat.svg`:
//! `giamsat-icons [FOLDER]` (default `assets/icon`) writes `giamsat-SIZE.png` for each size and
//! `giamsat.ico` for Windows, and `giamsat-wizard.bmp` for the Windows installer's pages.

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("assets/icon"), PathBuf::from);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("Lỗi: không tạo được thư mục {}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    let mut files: Vec<(PathBuf, Option<Vec<u8>>)> = giamsat::icon::SIZES
        .iter()
        .map(|&s| (dir.join(format!("giamsat-{s}.png")), giamsat::icon::png(s)))
        .collect();
    files.push((
        dir.join("giamsat.ico"),
        giamsat::icon::ico(&[16, 24, 32, 48, 64, 128, 256]),
    ));
    files.push((dir.join("giamsat-wizard.bmp"), giamsat::icon::wizard_bmp()));
    for (path, bytes) in files {
        let written = bytes
            .ok_or_else(|| "không vẽ được biểu tượng".to_string())
            .and_then(|b| giamsat::fsutil::write_atomically(&path, &b).map_err(|e| e.to_string()));
        match written {
            Ok(()) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("Lỗi: {e} — {}", path.display());
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
