/** The settings registry (src/core/settings.ts). */
import { describe, expect, it } from 'vitest';
import { EddyError } from '../../src/core/errors.ts';
import { Settings, isKnownSetting, parseSettingValue } from '../../src/core/settings.ts';

describe('settings', () => {
  it('defaults, overrides and typed getters', () => {
    const s = new Settings({ max_result_rows: '10', wait_end_of_query: 'true' }, { max_result_rows: 20 });
    expect(s.num('max_result_rows')).toBe(20);
    expect(s.bool('wait_end_of_query')).toBe(true);
    expect(s.bool('output_format_json_quote_64bit_integers')).toBe(false);
    expect(s.str('result_overflow_mode')).toBe('throw');
    expect(s.changes()).toEqual({ max_result_rows: 20, wait_end_of_query: true });
  });
  it('unknown settings are UNKNOWN_SETTING (115) with ClickHouse\'s text; custom_ and ignored ones pass', () => {
    const err = (() => { try { parseSettingValue('foobar', 1); } catch (e) { return e; } return null; })() as EddyError;
    expect(err.code).toBe(115);
    expect(err.message).toBe("Setting foobar is neither a builtin setting nor started with the prefix 'custom_' registered for user-defined settings");
    expect(parseSettingValue('custom_x', 'v')).toBe('v');
    expect(isKnownSetting('max_bytes_before_external_group_by')).toBe(true);
  });
  it('values are validated by type', () => {
    expect(() => parseSettingValue('max_threads', 'lots')).toThrow(/Cannot parse 'lots'/);
    expect(() => parseSettingValue('result_overflow_mode', 'explode')).toThrow(/expected one of 'throw', 'break'/);
    expect(() => parseSettingValue('enable_http_compression', 'maybe')).toThrow(EddyError);
  });
});
