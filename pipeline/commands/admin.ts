// `clearance admin plans|accounts|keys|roles|billing …`: manages the Worker's plans, accounts, keys and roles, and closes
// billing months, over its admin API.
import { resolve } from 'node:path';
import { parseArgsOrExplain } from '../util/parse-args.js';
import { AdminClient } from '../admin/admin-client.js';
import { adminToken } from '../dev/dev-vars.js';
import { CliError } from '../util/cli-error.js';
import { adminUrl } from '../util/config.js';

const USAGE = `usage: clearance admin <area> <action> [options] [--url http://127.0.0.1:8787]
  plans create --id <id> --name <name> --fee <micros> --downloads <n> [--private-collections]
  plans list
  accounts create --email <email> [--plan payg]      prints the account id and its first key (shown once)
  accounts list
  accounts show --account <id>                        the account with its roles
  accounts plan --account <id> --plan <plan>          change an account's plan
  keys create --account <id> [--name <name>]         a new key for an existing account (shown once)
  roles grant|revoke --account <id> --role moderator|rightsholder [--rights-holder <name>]
  billing close [--month YYYY-MM]                     write a month's invoices and payouts (default: last month); idempotent
  billing export --month YYYY-MM [--what invoices|payouts] [--format json|csv]   a closed month, same bytes every time
  billing reconcile --month YYYY-MM                   the month's invoices and payouts against the ledger, to the µ$
The admin token comes from $ADMIN_TOKEN, else from .dev.vars (--dev-vars <file>).`;

function int(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) throw new CliError(`${flag} needs a non-negative integer`);
  return n;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`missing ${flag}\n${USAGE}`);
  return value;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrExplain({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: adminUrl() },
      'dev-vars': { type: 'string', default: '.dev.vars' },
      json: { type: 'boolean', default: false },
      id: { type: 'string' },
      name: { type: 'string' },
      fee: { type: 'string' },
      downloads: { type: 'string' },
      'private-collections': { type: 'boolean', default: false },
      email: { type: 'string' },
      plan: { type: 'string', default: 'payg' },
      account: { type: 'string' },
      role: { type: 'string' },
      'rights-holder': { type: 'string' },
      month: { type: 'string' },
      what: { type: 'string', default: 'invoices' },
      format: { type: 'string', default: 'json' },
    },
  });
  const [area, action] = positionals;
  if (!area || !action) {
    console.log(USAGE);
    return 2;
  }
  const token = await adminToken(resolve(values['dev-vars']));
  if (!token) throw new CliError('no admin token: set ADMIN_TOKEN or create .dev.vars (npm start does)');
  const api = new AdminClient(values.url, token);
  const print = (v: unknown): void => console.log(JSON.stringify(v, null, 2));

  switch (`${area} ${action}`) {
    case 'plans create':
      print(await api.createPlan({
        id: need(values.id, '--id'), name: need(values.name, '--name'), monthlyFeeMicros: int(values.fee, '--fee'),
        monthlyDownloads: int(values.downloads, '--downloads'), privateCollections: values['private-collections'],
      }));
      return 0;
    case 'plans list':
      print(await api.listPlans());
      return 0;
    case 'accounts create': {
      const created = await api.createAccount(need(values.email, '--email'), values.plan);
      if (values.json) print(created);
      else console.log(`account ${created.account.id}\nkey     ${created.key}   (shown once: store it now)`);
      return 0;
    }
    case 'accounts list':
      print(await api.listAccounts());
      return 0;
    case 'accounts show':
      print(await api.showAccount(need(values.account, '--account')));
      return 0;
    case 'accounts plan':
      print(await api.setPlan(need(values.account, '--account'), values.plan));
      return 0;
    case 'keys create': {
      const created = await api.createKey(need(values.account, '--account'), values.name);
      if (values.json) print(created);
      else console.log(`key ${created.key}   (shown once: store it now)`);
      return 0;
    }
    case 'roles grant':
    case 'roles revoke': {
      const role = need(values.role, '--role');
      if (role !== 'moderator' && role !== 'rightsholder') throw new CliError('--role is moderator or rightsholder');
      if (role === 'rightsholder' && !values['rights-holder']) throw new CliError('--role rightsholder needs --rights-holder <name>');
      const account = need(values.account, '--account');
      print(action === 'grant' ? await api.grantRole(account, role, values['rights-holder']) : await api.revokeRole(account, role, values['rights-holder']));
      return 0;
    }
    case 'billing close': {
      const summary = await api.closeMonth(values.month);
      print(summary);
      return summary.reconciliation.invoicesMatch && summary.reconciliation.payoutsMatch ? 0 : 1;
    }
    case 'billing export': {
      if (values.what !== 'invoices' && values.what !== 'payouts') throw new CliError('--what is invoices or payouts');
      if (values.format !== 'json' && values.format !== 'csv') throw new CliError('--format is json or csv');
      process.stdout.write(await api.exportMonth(need(values.month, '--month'), values.format, values.what));
      return 0;
    }
    case 'billing reconcile': {
      const r = await api.reconcile(need(values.month, '--month'));
      print(r);
      return r.invoicesMatch && r.payoutsMatch ? 0 : 1;
    }
    default:
      throw new CliError(`unknown admin command "${area} ${action}"\n${USAGE}`);
  }
}
