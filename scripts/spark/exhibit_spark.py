#!/usr/bin/env python3
"""Run an Exhibit scan on Apache Spark: plan on the driver, one Spark task per
(shard, partition) running `exhibit shard scan`, merge on the driver (SPEC §10,
docs/scale-out.md). The merged JSON is byte-identical to `exhibit scan CASE --json`.

    python3 scripts/spark/exhibit_spark.py --master 'local[2]' --exhibit PATH \
        [--shards N] [--partitions M] CASE --json OUT

or with spark-submit (the plan and the binary travel with SparkContext.addFile; the
case folder must be readable at the same path on every executor, e.g. a shared
filesystem, or pass --case-on-executors).
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile


def run_task(task, plan_name, exhibit_name, case_dir, partials_dir, threads):
    """One task: `exhibit shard scan` of one (shard, partition); returns the partial's
    name and text (or only its name when partials go to a shared folder)."""
    from pyspark import SparkFiles

    shard, partition = task
    exhibit = SparkFiles.get(exhibit_name)
    mode = os.stat(exhibit).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(exhibit, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    plan = SparkFiles.get(plan_name)
    out = partials_dir or tempfile.mkdtemp(prefix="exhibit-part-")
    try:
        proc = subprocess.run(
            [exhibit, "shard", "scan", plan, "--shard", str(shard), "--partition", str(partition),
             "--out", out, "--threads", str(threads), "--case", case_dir],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"exhibit shard scan {shard}/{partition} failed: {proc.stderr.strip()}")
        names = [n for n in os.listdir(out) if n.endswith(f"-s{shard}-p{partition}.jsonl")]
        if len(names) != 1:
            raise RuntimeError(f"task {shard}/{partition}: expected one partial in {out}, found {names}")
        if partials_dir:
            return names[0], None
        with open(os.path.join(out, names[0]), encoding="utf-8") as f:
            return names[0], f.read()
    finally:
        if not partials_dir:
            shutil.rmtree(out, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", help="the case folder")
    ap.add_argument("--json", required=True, help="write the merged results (JSON) here")
    ap.add_argument("--exhibit", required=True, help="the exhibit binary (shipped to executors)")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    ap.add_argument("--shards", type=int, default=2, help="index shards of works (default 2)")
    ap.add_argument("--partitions", type=int, default=2, help="partitions of outputs (default 2)")
    ap.add_argument("--threads", type=int, default=1, help="threads per task (default 1: one core per task)")
    ap.add_argument("--case-on-executors", default=None,
                    help="the case folder's path on the executors (default: the same as CASE)")
    ap.add_argument("--partials", default=None,
                    help="a folder on shared storage for the partials (default: collected to the driver); "
                         "a rerun skips the tasks whose partial is complete there")
    ap.add_argument("--work", default=None, help="the driver's folder for the plan (default: temporary)")
    args = ap.parse_args(argv)

    from pyspark import SparkConf, SparkContext

    case_dir = os.path.abspath(args.case)
    exhibit = os.path.abspath(args.exhibit)
    work = args.work or tempfile.mkdtemp(prefix="exhibit-spark-")
    os.makedirs(work, exist_ok=True)
    plan = os.path.join(work, "plan.json")
    # 1. Plan on the driver: shards, partitions and the global boilerplate list.
    counts = subprocess.run(
        [exhibit, "shard", "plan", case_dir, "--shards", str(args.shards), "--partitions", str(args.partitions),
         "--out", plan], check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    n_shards, n_parts = int(counts[0]), int(counts[1])

    conf = SparkConf().setAppName("exhibit-scan")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext(conf=conf)
    try:
        sc.setLogLevel("ERROR")
        sc.addFile(plan)
        sc.addFile(exhibit)
        tasks = [(s, p) for s in range(n_shards) for p in range(n_parts)]
        plan_name, exhibit_name = os.path.basename(plan), os.path.basename(exhibit)
        on_executors = args.case_on_executors or case_dir
        partials_dir, threads = args.partials, args.threads
        # 2. One Spark task per (shard, partition).
        results = (sc.parallelize(tasks, numSlices=len(tasks))
                   .map(lambda t: run_task(t, plan_name, exhibit_name, on_executors, partials_dir, threads))
                   .collect())
    finally:
        sc.stop()

    # 3. Merge on the driver.
    folder = args.partials or os.path.join(work, "partials")
    os.makedirs(folder, exist_ok=True)
    for name, text in results:
        if text is not None:
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
    paths = [os.path.join(folder, name) for name, _ in sorted(results)]
    subprocess.run([exhibit, "shard", "merge", plan, *paths, "--case", case_dir, "--json", args.json], check=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
