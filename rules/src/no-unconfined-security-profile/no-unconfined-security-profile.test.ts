import { runFixtures } from '../testing/run-fixtures.js';
import { noUnconfinedSecurityProfile } from './no-unconfined-security-profile.js';

runFixtures(noUnconfinedSecurityProfile, import.meta.url);
