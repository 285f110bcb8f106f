#!/usr/bin/env python3
"""Request threads' samples of a perf-node.sh recording, by part and by request.

Each sample of a Jetty thread (qtp...) goes to the first frame from the leaf that belongs to a known part (Derby,
Hibernate, CXF...); JDK frames count for their caller, as in JfrBreakdown. Samples are split by the resource method on
their stack (--kinds NAME=Resource.method,...), the rest being the HTTP edge (Jetty, CXF, authentication, JSON).
Usage: perf_parts.py OUT.txt [--kinds GET=NumberResource,POST=OrderResource] [--marker NAME=regex ...]
"""
import collections
import re
import sys

PARTS = [('derby', 'org.apache.derby'), ('hibernate', 'org.hibernate'), ('jackson', 'com.fasterxml'),
         ('cxf', 'org.apache.cxf'), ('jetty', 'org.eclipse.jetty'), ('pax-web', 'org.ops4j.pax.web'),
         ('pax-transx', 'org.ops4j.pax.transx'), ('geronimo', 'org.apache.geronimo'), ('networknt', 'com.networknt'),
         ('felix', 'org.apache.felix'), ('aries', 'org.apache.aries'), ('logging', 'org.apache.logging'),
         ('logging', 'org.ops4j.pax.logging'), ('logging', 'org.slf4j'), ('logging', 'org.jboss.logging'),
         ('bizhall', 'org.bizhall'), ('karaf', 'org.apache.karaf'), ('socket', 'sun.nio')]
JDK = ('java.', 'jdk.', 'sun.', 'javax.', 'com.sun.')
JAVA_FRAME = re.compile(r'([a-z][\w$]*(?:\.[\w$]+)+)\.[\w$<>]+$')


def samples(path):
    thread, frames = None, None
    for line in open(path, errors='replace'):
        if not line.strip():
            if frames is not None:
                yield thread, frames
            frames = None
        elif line[0] in ' \t':
            if frames is not None:
                parts = line.strip().split(' ', 1)
                if len(parts) == 2:
                    frames.append(re.sub(r'\s*\([^()]*\)$', '', parts[1]))
        else:
            thread, frames = line.split()[0], []
    if frames is not None:
        yield thread, frames


def java(frame):
    m = JAVA_FRAME.search(re.sub(r'\(.*', '', frame).split(' ')[-1])
    return m.group(0) if m else None


def part(frames):
    seen_jdk = False
    for f in frames:
        q = java(f)
        if q is None:
            continue
        for name, prefix in PARTS:
            if q.startswith(prefix):
                return name
        if q.startswith(JDK):
            seen_jdk = True
            continue
        return '.'.join(q.split('.')[:2])
    return 'jdk' if seen_jdk else 'native'


def main():
    args = sys.argv[1:]
    path = args[0]
    kinds = {'GET /numbers': 'NumberResource.', 'POST /orders': 'OrderResource.', 'payments': 'OrderResource.pay'}
    markers = {}
    for a in args[1:]:
        if a.startswith('--kinds='):
            kinds = dict(k.split('=', 1) for k in a[len('--kinds='):].split(','))
        elif a.startswith('--marker='):
            name, rx = a[len('--marker='):].split('=', 1)
            markers[name] = re.compile(rx)
    by_kind = collections.defaultdict(collections.Counter)
    marked = collections.Counter()
    total = 0
    for thread, frames in samples(path):
        if not thread.startswith('qtp'):
            continue
        total += 1
        text = ' '.join(frames)
        kind = 'edge'
        for name, needle in kinds.items():
            if needle in text:
                kind = name
        by_kind[kind][part(frames)] += 1
        for name, rx in markers.items():
            if rx.search(text):
                marked[name] += 1
    print(f'{total} request-thread samples')
    for kind, parts in sorted(by_kind.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(parts.values())
        print(f'{kind}: {n} ({100 * n / max(total, 1):.1f} %)')
        print('   ' + ', '.join(f'{p} {100 * c / n:.1f} %' for p, c in parts.most_common(10)))
    for name, n in marked.most_common():
        print(f'marker {name}: {n} ({100 * n / max(total, 1):.2f} %)')


if __name__ == '__main__':
    main()
