/** The address rules live in @clinic/shared: the website budgets its renders by the same visitor address. */
export { budgetAddress, parseVisitorAddress } from '@clinic/shared';
