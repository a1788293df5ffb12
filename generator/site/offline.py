"""The offline copy: the whole site as a zip that works opened from disk or any plain server.

Built with file-style links (`page.html`, not `page/`) so that a browser opening the files
from disk follows every link to a page instead of a folder. The archive is deterministic:
entries sorted, every timestamp the build date (SOURCE_DATE_EPOCH / last commit). It does not
build anything itself; `cli` runs MkDocs and hands the folder over.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

README = """cpsite offline copy
===================

Open index.html (English) or zh/index.html (Traditional Chinese) in a web browser.
Every page and link works straight from the files.

Search needs the files to be served: in this folder run
    python3 -m http.server 8000 --bind 127.0.0.1
and open http://127.0.0.1:8000/

離線版本：以瀏覽器開啟 index.html（英文）或 zh/index.html（繁體中文）。
搜尋功能須經本機伺服器開啟（見上文指令）。
"""


def write_archive(site: Path, archive: Path, epoch: int | None, folder: str = "cpsite") -> int:
    """Zip `site` into `archive` under `folder/`; returns the number of files."""
    stamp = time.gmtime(epoch if epoch is not None else 315532800)[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    files = sorted(p for p in site.rglob("*") if p.is_file())
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("README.txt", README.encode("utf-8"))] + \
                          [(p.relative_to(site).as_posix(), p.read_bytes()) for p in files]:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    tmp.replace(archive)
    return len(files) + 1
