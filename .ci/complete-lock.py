# Adds lock entries for optional platform packages the registry here does not serve, so `npm ci`
# accepts the lock; npm skips them on this platform anyway (os/cpu mismatch).
import json, re, sys
path = sys.argv[1]
lock = json.load(open(path))
pk = lock['packages']
added = []
def osCpu(name):
    n = name.split('/')[-1]
    os_ = next((o for o in ['android','darwin','win32','linux','freebsd','openbsd','netbsd','sunos','aix'] if o in n), None)
    cpu = next((c for c in ['arm64','x64','arm','ia32','ppc64','s390x','riscv64','loong64','mips64el'] if re.search(r'(^|-)'+c+r'($|-)', n)), None)
    libc = 'musl' if 'musl' in n else None
    return os_, cpu, libc
for key, meta in list(pk.items()):
    for dep, ver in (meta.get('optionalDependencies') or {}).items():
        base = key + '/node_modules/' + dep if key else 'node_modules/' + dep
        top = 'node_modules/' + dep
        if base in pk or top in pk: continue
        os_, cpu, libc = osCpu(dep)
        if not os_ or not cpu: continue
        entry = {'version': ver.lstrip('^~=') , 'cpu': [cpu], 'optional': True, 'os': [os_]}
        if libc: entry['libc'] = [libc]
        pk[top] = entry
        added.append(f'{dep}@{entry["version"]}')
json.dump(lock, open(path, 'w'), indent=2)
open(path, 'a').write('\n')
print('added', len(added), added)
