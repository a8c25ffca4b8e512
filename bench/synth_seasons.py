#!/usr/bin/env python3
"""Writes a synthetic raw-data tree: the real seasons repeated under new game ids and dates.

Copy k of season Y becomes season Y + 8k: game ids get the new season digits, dates move 8k
years (a multiple of four, so 29 February stays a date), and the season labels follow. Used by
bench/scale.sh to run the chain on 30+ seasons. Usage: synth_seasons.py DATA_ROOT OUT COPIES
"""
import csv, gzip, io, os, re, sys

SHIFT = 8


def season_label(year):
    return f"{year}-{(year + 1) % 100:02d}"


def new_id(gid, k):
    # 00214xxxxx: digits 3-4 are the season's last two digits.
    return gid[:3] + f"{int(gid[3:5]) + SHIFT * k:02d}" + gid[5:] if re.fullmatch(r"\d{10}", gid) else gid


def new_date(s, k):
    return str(int(s[:4]) + SHIFT * k) + s[4:] if re.match(r"\d{4}", s) else s


def rewrite_csv(src, dst, k, fixes):
    with open(src, "rb") as f:
        raw = f.read()
    gz = raw[:2] == b"\x1f\x8b"  # some files are gzip-compressed whatever their name
    text = (gzip.decompress(raw) if gz else raw).decode("utf-8", "surrogateescape")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return
    head = rows[0]
    cols = {name: i for i, name in enumerate(head)}
    for row in rows[1:]:
        for name, fix in fixes.items():
            if name in cols and cols[name] < len(row) and row[cols[name]] not in ("", "NA"):
                row[cols[name]] = fix(row[cols[name]], k)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    data = buf.getvalue().encode("utf-8", "surrogateescape")
    with open(dst, "wb") as f_out:
        f_out.write(gzip.compress(data, 1) if gz else data)


def main():
    root, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    stats = os.path.join(root, "nba-stats")
    game = {"GAME_ID": new_id}
    team = {"GAME_ID": new_id, "GAME_DATE": new_date,
            "SEASON_ID": lambda v, k: v[0] + str(int(v[1:]) + SHIFT * k),
            "SEASON": lambda v, k: season_label(int(v[:4]) + SHIFT * k)}
    lines = {"date": lambda v, k: str(int(v) + SHIFT * k * 10000), "game_id": lambda v, k: new_date(v, k)}
    for k in range(copies):
        for folder in ("boxscoretraditionalv2", "playbyplayv2"):
            for season in sorted(os.listdir(os.path.join(stats, folder))):
                year = int(season[:4])
                for name in sorted(os.listdir(os.path.join(stats, folder, season))):
                    dst = os.path.join(out, "nba-stats", folder, season_label(year + SHIFT * k), new_id(name[:10], k) + name[10:])
                    rewrite_csv(os.path.join(stats, folder, season, name), dst, k, game)
        for name in sorted(os.listdir(os.path.join(stats, "leaguegamelog-team"))):
            year = int(name[:4])
            if year > 2021:
                continue  # the eight box-score seasons only
            rewrite_csv(os.path.join(stats, "leaguegamelog-team", name),
                        os.path.join(out, "nba-stats", "leaguegamelog-team", season_label(year + SHIFT * k) + ".csv"), k, team)
        for name in sorted(os.listdir(os.path.join(root, "game-lines"))):
            rewrite_csv(os.path.join(root, "game-lines", name), os.path.join(out, "game-lines", f"copy{k}_{name}"), k, lines)


if __name__ == "__main__":
    main()
