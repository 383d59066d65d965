//! The encrypted connection to a server: rustls, checking the server's certificate against the
//! system's trusted roots (on Windows its certificate store) or against the office's own
//! authority given as `sslrootcert=FILE` (or `PGSSLROOTCERT`). A certificate that does not check
//! out stops the connection: there is no "encrypt but trust anyone".

use std::path::Path;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// A connector that trusts the roots of `root_cert` (a PEM file), or the system's.
pub(super) fn connector(root_cert: Option<&Path>) -> Result<MakeRustlsConnect, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match root_cert {
        Some(path) => {
            let pem = std::fs::read(path).map_err(|e| {
                format!(
                    "không đọc được tệp chứng chỉ gốc (sslrootcert) {}: {e}",
                    path.display()
                )
            })?;
            for cert in CertificateDer::pem_slice_iter(&pem) {
                let cert =
                    cert.map_err(|e| format!("tệp chứng chỉ gốc {} hỏng: {e}", path.display()))?;
                roots.add(cert).map_err(|e| {
                    format!("chứng chỉ trong {} không dùng được: {e}", path.display())
                })?;
            }
            if roots.is_empty() {
                return Err(format!(
                    "tệp {} không có chứng chỉ nào (cần tệp PEM, “-----BEGIN CERTIFICATE-----”)",
                    path.display()
                ));
            }
        }
        None => {
            // Roots the system cannot give are left out; none at all leaves only servers that
            // do not offer encryption reachable (and `sslmode=require` fails, with a message).
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(cert);
            }
        }
    }
    // ring, not aws-lc-rs: the latter needs CMake and NASM to cross-build for Windows. ring has
    // no post-quantum key exchange (rustls marks it deprecated for that); the classic ones stay.
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("không dựng được kết nối mã hóa: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// A failed connection's reason, with what to do when it is the certificate.
pub(super) fn explain(reason: String) -> String {
    let lower = reason.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("unknownissuer") {
        format!(
            "chứng chỉ TLS của máy chủ không được tin cậy ({reason}). Nếu cơ quan dùng chứng chỉ riêng, thêm sslrootcert=ĐƯỜNG_DẪN_TỆP_CA vào phần sau dấu ? của địa chỉ (nối bằng &), hoặc đặt biến PGSSLROOTCERT. Chứng chỉ tự ký có sẵn của máy chủ (như ssl-cert-snakeoil) không dùng được: cần chứng chỉ do tổ chức cấp chứng chỉ của cơ quan ký cho đúng tên máy chủ"
        )
    } else if lower.contains("server does not support tls") {
        format!(
            "máy chủ không có kết nối mã hóa (TLS) ({reason}); người quản trị hãy bật ssl trên máy chủ, hoặc, chỉ trong mạng nội bộ tin cậy, thêm sslmode=disable vào địa chỉ"
        )
    } else {
        reason
    }
}
