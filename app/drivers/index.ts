/** The drivers Sluice ships, by dialect. */
import type { Dialect } from '../connections/connection-config';
import type { Driver } from './driver';
import { mysqlDriver } from './mysql/mysql-driver';
import { postgresDriver } from './postgres/postgres-driver';

/** Picks the driver for a dialect. */
export function driverFor(dialect: Dialect): Driver {
  return dialect === 'postgres' ? postgresDriver : mysqlDriver;
}
