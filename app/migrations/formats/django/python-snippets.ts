/**
 * The Python Sluice runs inside a Django project. Lines Sluice must read start with the record
 * separator \x1e and `sluice-`, so the project's own output never passes for them.
 */

/** Marker prefix of every line Sluice reads from Python. */
export const MARKER = '\x1esluice-';

/**
 * Runs manage.py with argv after `-c`, with two additions: it exits when Sluice (its parent)
 * dies, so a killed applier leaves no orphan migrating without the lock; and it announces each
 * migration it applies or unapplies, waiting for Sluice's "go" when SLUICE_MIGRATE_GATE=1, so
 * Sluice can write its dirty mark before a single statement runs.
 */
export const MANAGE_PY_WRAPPER = String.raw`
import os, runpy, sys, threading, time

_parent = os.getppid()

def _watch_parent():
    while True:
        if os.getppid() != _parent:
            os._exit(70)
        time.sleep(0.2)

threading.Thread(target=_watch_parent, daemon=True).start()

def _announce(kind, migration):
    sys.stdout.write('\x1esluice-%s %s.%s\n' % (kind, migration.app_label, migration.name))
    sys.stdout.flush()

def _gated(method, begin, end):
    def run(self, state, migration, *args, **kwargs):
        _announce(begin, migration)
        if os.environ.get('SLUICE_MIGRATE_GATE') == '1' and sys.stdin.readline().strip() != 'go':
            os._exit(71)
        result = method(self, state, migration, *args, **kwargs)
        _announce(end, migration)
        return result
    return run

from django.db.migrations import executor as _executor
_executor.MigrationExecutor.apply_migration = _gated(_executor.MigrationExecutor.apply_migration, 'apply', 'applied')
_executor.MigrationExecutor.unapply_migration = _gated(_executor.MigrationExecutor.unapply_migration, 'unapply', 'unapplied')

sys.argv = ['manage.py'] + sys.argv[1:]
sys.path.insert(0, os.getcwd())
runpy.run_path('manage.py', run_name='__main__')
`;

/**
 * Asks Django, with the project's settings and environment, which database it would use and
 * what its migrations are: the plan in showmigrations --plan order, each with its file,
 * dependencies and whether it can be reversed. Needs no database connection.
 */
export const PROBE_CODE = String.raw`
import json, sys
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
loader = MigrationLoader(None, ignore_no_migrations=True)
graph = loader.graph
plan, seen = [], set()
for target in graph.leaf_nodes():
    for key in graph.forwards_plan(target):
        if key not in seen:
            seen.add(key)
            plan.append(key)
migrations = []
for key in plan:
    migration = graph.nodes[key]
    module = sys.modules.get(type(migration).__module__)
    migrations.append({
        'app': key[0],
        'name': key[1],
        'file': getattr(module, '__file__', None),
        'dependencies': sorted('%s.%s' % parent.key for parent in graph.node_map[key].parents),
        'reversible': all(getattr(op, 'reversible', True) for op in migration.operations),
        'atomic': bool(getattr(migration, 'atomic', True)),
    })
database = {k: settings_dict.get(k) for k in ('ENGINE', 'HOST', 'PORT', 'NAME', 'USER')}
print('\x1esluice-json ' + json.dumps({'database': database, 'migrations': migrations}, default=str))
`;
