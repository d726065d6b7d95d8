import { describe, expect, it } from 'vitest';
import { guessCompany } from '../../src/domain/company-guess.js';

describe('guessCompany', () => {
  it.each([
    ['Thank you for your interest in Acme Corp. Unfortunately we went another way.', 'Acme Corp'],
    ['Hi Sam, thanks for applying to Initech. We have decided not to move forward.', 'Initech'],
    ['After careful thought the Globex hiring team decided to pursue other candidates.', 'Globex'],
    ['Everyone at Wayne Enterprises enjoyed meeting you.', 'Wayne Enterprises'],
    ['Sadly they said no for the position at Procter & Gamble.', 'Procter & Gamble'],
    ['Heard back from Umbrella today: no, sadly. :(', 'Umbrella'],
    ['Fwd: *Your application to <https://jobs.example|Hooli>*', 'Hooli'],
    ['<@U123> from Stark Industries said no', 'Stark Industries'],
  ])('finds the company in %j', (text, company) => {
    expect(guessCompany(text)).toBe(company);
  });

  it.each([
    ['they said no :('],
    ['Unfortunately we have decided to move forward with other candidates.'],
    ['Sorry, it did not work out this time. Talk on Monday?'],
    [''],
  ])('offers nothing for %j', (text) => {
    expect(guessCompany(text)).toBeNull();
  });

  it('never offers more than a company field takes', () => {
    const guess = guessCompany(`Thanks for your interest in ${'Abcdefghij'.repeat(20)}.`);
    expect(guess).toBeNull();
  });
});
