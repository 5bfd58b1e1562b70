/**
 * The Vietnamese speech normaliser (issue 11, «Speech from text»): what the engine is given to read.
 * Numbers follow the spoken rules (mốt, tư, lăm, lẻ, mươi), dates and times read as a person reads
 * them, phone numbers digit by digit, units and money in words, the abbreviations of ward notices
 * spelled out — and a few things that must be left alone.
 */
import { describe, expect, it } from 'vitest';
import { expandAbbreviations, isVietnameseSyllable } from '../../src/speech/abbreviations.ts';
import { readDigits, readMonth, readNumber, readOrdinal, romanValue } from '../../src/speech/numberWords.ts';
import { countSpokenWords, hasSpeakableText, normaliseForSpeech } from '../../src/speech/speechText.ts';

const say = normaliseForSpeech;

describe('numbers', () => {
  it.each([
    ['0', 'không'],
    ['5', 'năm'],
    ['10', 'mười'],
    ['15', 'mười lăm'],
    ['21', 'hai mươi mốt'],
    ['24', 'hai mươi tư'],
    ['25', 'hai mươi lăm'],
    ['105', 'một trăm lẻ năm'],
    ['110', 'một trăm mười'],
    ['1005', 'một nghìn không trăm lẻ năm'],
    ['1000005', 'một triệu không trăm lẻ năm'],
    ['1250000', 'một triệu hai trăm năm mươi nghìn'],
    ['2000000000', 'hai tỷ'],
  ])('reads %s as «%s»', (digits, words) => {
    expect(readNumber(digits)).toBe(words);
  });

  it('reads thousands separators, decimal commas, dot decimals and negatives in running text', () => {
    expect(say('1.000.005 người')).toBe('một triệu không trăm lẻ năm người');
    expect(say('1.250.000')).toBe('một triệu hai trăm năm mươi nghìn');
    expect(say('2,5')).toBe('hai phẩy năm');
    expect(say('0,5')).toBe('không phẩy năm');
    expect(say('1.500,75')).toBe('một nghìn năm trăm phẩy bảy mươi lăm');
    expect(say('2,0')).toBe('hai phẩy không');
    expect(say('3.5 lần')).toBe('ba chấm năm lần');
    expect(say('nhiệt độ -7')).toBe('nhiệt độ âm bảy');
    expect(say('05 hộ')).toBe('năm hộ');
  });

  it('does not read a hyphen inside a name as a minus sign', () => {
    expect(say('COVID-19')).toBe('cô vít mười chín');
  });

  it('ends a sentence on a number without taking the full stop for a decimal point', () => {
    expect(say('Năm 2026.')).toBe('Năm hai nghìn không trăm hai mươi sáu.');
  });

  it('reads digits, months, ordinals and Roman numerals', () => {
    expect(readDigits('0912')).toBe('không chín một hai');
    expect(readMonth(4)).toBe('tư');
    expect(readMonth(12)).toBe('mười hai');
    expect(readOrdinal('1')).toBe('nhất');
    expect(readOrdinal('4')).toBe('tư');
    expect(readOrdinal('14')).toBe('mười bốn');
    expect(romanValue('XIV')).toBe(14);
    expect(romanValue('IV')).toBe(4);
    expect(romanValue('IIII')).toBeNull();
    expect(romanValue('ABC')).toBeNull();
  });
});

describe('dates and times', () => {
  it('reads a full date, with or without «ngày» before it, in any of the usual separators', () => {
    const spoken = 'ngày ba tháng mười hai năm hai nghìn không trăm hai mươi sáu';
    expect(say('03/12/2026')).toBe(spoken);
    expect(say('ngày 03/12/2026')).toBe(spoken);
    expect(say('3-12-2026')).toBe(spoken);
    expect(say('03.12.2026')).toBe(spoken);
    expect(say('2026-12-03')).toBe(spoken);
    expect(say('ngày 15/4/2026')).toBe('ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi sáu');
  });

  it('reads a day and month after a word that makes it a date, and spans of days', () => {
    expect(say('ngày 3/12')).toBe('ngày ba tháng mười hai');
    expect(say('sáng 3/12')).toBe('sáng ngày ba tháng mười hai');
    expect(say('từ 3/12 đến 5/12')).toBe('từ ngày ba tháng mười hai đến ngày năm tháng mười hai');
    expect(say('3/12 - 5/12')).toBe('ngày ba tháng mười hai đến ngày năm tháng mười hai');
    expect(say('ngày 3-5/12')).toBe('ngày ba đến năm tháng mười hai');
  });

  it('leaves a bare «12/3» that is no date to the number rules (house numbers, fractions)', () => {
    expect(say('số nhà 12/3')).toBe('số nhà mười hai trên ba');
    expect(say('ngày 45/13')).not.toContain('tháng');
  });

  it('reads months, «tháng m/yyyy», weekdays and ordinals', () => {
    expect(say('tháng 4')).toBe('tháng tư');
    expect(say('tháng 12/2026')).toBe('tháng mười hai năm hai nghìn không trăm hai mươi sáu');
    expect(say('Thứ 2, thứ 4, thứ 7')).toBe('Thứ hai, thứ tư, thứ bảy');
    expect(say('lần thứ 1')).toBe('lần thứ nhất');
    expect(say('Đại hội XIV')).toBe('Đại hội mười bốn');
    expect(say('lần thứ XIV')).toBe('lần thứ mười bốn');
    expect(say('quý IV/2026')).toBe('quý bốn năm hai nghìn không trăm hai mươi sáu');
    expect(say('quý vị')).toBe('quý vị');
  });

  it('reads clock times in their usual spellings', () => {
    expect(say('05:30')).toBe('năm giờ ba mươi phút');
    expect(say('17h30')).toBe('mười bảy giờ ba mươi phút');
    expect(say("17h30'")).toBe('mười bảy giờ ba mươi phút');
    expect(say('7h')).toBe('bảy giờ');
    expect(say('07:00')).toBe('bảy giờ');
    expect(say('5g30')).toBe('năm giờ ba mươi phút');
    expect(say('7 giờ')).toBe('bảy giờ');
    expect(say('từ 17h30-18h')).toBe('từ mười bảy giờ ba mươi phút đến mười tám giờ');
  });
});

describe('phone numbers', () => {
  it('reads phone numbers digit by digit, pausing between the written groups', () => {
    expect(say('0912 345 678')).toBe('không chín một hai, ba bốn năm, sáu bảy tám');
    expect(say('0912.345.678')).toBe('không chín một hai, ba bốn năm, sáu bảy tám');
    expect(say('0912345678')).toBe('không chín một hai, ba bốn năm, sáu bảy tám');
    expect(say('0236.3822.123')).toBe('không hai ba sáu, ba tám hai hai, một hai ba');
    expect(say('+84 912 345 678')).toBe('cộng tám tư, chín một hai, ba bốn năm, sáu bảy tám');
    expect(say('đường dây nóng 1900 1234')).toBe('đường dây nóng một chín không không, một hai ba bốn');
  });

  it('reads a short number digit by digit after a word that announces a number to call', () => {
    expect(say('gọi 113')).toBe('gọi một một ba');
    expect(say('ĐT: 0905 111 222')).toBe('điện thoại: không chín không năm, một một một, hai hai hai');
    expect(say('có 113 hộ')).toBe('có một trăm mười ba hộ');
  });
});

describe('units, money and ranges', () => {
  it('reads units after a number', () => {
    expect(say('100 mm')).toBe('một trăm mi li mét');
    expect(say('5km')).toBe('năm ki lô mét');
    expect(say('60 km/h')).toBe('sáu mươi ki lô mét trên giờ');
    expect(say('2 kg')).toBe('hai ki lô gam');
    expect(say('3 m')).toBe('ba mét');
    expect(say('85%')).toBe('tám mươi lăm phần trăm');
    expect(say('30°C')).toBe('ba mươi độ xê');
    expect(say('-2°C')).toBe('âm hai độ xê');
    expect(say('2,5 ha')).toBe('hai phẩy năm héc ta');
    expect(say('120 m2')).toBe('một trăm hai mươi mét vuông');
  });

  it('leaves a letter that is no unit alone', () => {
    expect(say('5 mét')).toBe('năm mét');
    expect(say('3 hai')).toBe('ba hai');
  });

  it('reads money in đồng, with «một» before what it is per', () => {
    expect(say('50.000đ')).toBe('năm mươi nghìn đồng');
    expect(say('50.000 đồng')).toBe('năm mươi nghìn đồng');
    expect(say('20.000 VNĐ')).toBe('hai mươi nghìn đồng');
    expect(say('30.000đ/người')).toBe('ba mươi nghìn đồng một người');
    expect(say('15.000đ/kg')).toBe('mười lăm nghìn đồng một ki lô gam');
    expect(say('1,5 triệu đồng')).toBe('một phẩy năm triệu đồng');
  });

  it('reads a dash between numbers as «đến»', () => {
    expect(say('3-5 ngày')).toBe('ba đến năm ngày');
    expect(say('3 - 5 ngày')).toBe('ba đến năm ngày');
    expect(say('25-30°C')).toBe('hai mươi lăm đến ba mươi độ xê');
    expect(say('50.000-70.000đ')).toBe('năm mươi nghìn đến bảy mươi nghìn đồng');
    expect(say('2020-2025')).toBe('hai nghìn không trăm hai mươi đến hai nghìn không trăm hai mươi lăm');
  });
});

describe('abbreviations', () => {
  it.each([
    ['UBND', 'ủy ban nhân dân'],
    ['HĐND', 'hội đồng nhân dân'],
    ['TDP', 'tổ dân phố'],
    ['MTTQ', 'mặt trận tổ quốc'],
    ['THCS', 'trung học cơ sở'],
    ['THPT', 'trung học phổ thông'],
    ['PCCC', 'phòng cháy chữa cháy'],
    ['CAND', 'công an nhân dân'],
    ['ATTP', 'an toàn thực phẩm'],
    ['NVQS', 'nghĩa vụ quân sự'],
    ['BHYT', 'bảo hiểm y tế'],
    ['CCCD', 'căn cước công dân'],
  ])('spells out %s', (abbr, words) => {
    expect(say(`${abbr} phường`)).toBe(`${words} phường`);
  });

  it('reads the dotted and contextual forms', () => {
    expect(say('TP. Đà Nẵng')).toBe('thành phố Đà Nẵng');
    expect(say('TP.HCM')).toBe('thành phố Hồ Chí Minh');
    expect(say('Q.1')).toBe('quận một');
    expect(say('P. Hải Châu')).toBe('phường Hải Châu');
    expect(say('ĐT: 113')).toBe('điện thoại: một một ba');
    expect(say('giấy tờ, v.v.')).toBe('giấy tờ, vân vân.');
    expect(say('giấy tờ v.v., rồi nộp')).toBe('giấy tờ vân vân, rồi nộp');
    expect(say('BCH Quân sự phường')).toBe('ban chỉ huy Quân sự phường');
    expect(say('BCH Đoàn phường')).toBe('ban chấp hành Đoàn phường');
    expect(say('HĐND-UBND')).toBe('hội đồng nhân dân, ủy ban nhân dân');
    expect(say('TDP5')).toBe('tổ dân phố năm');
  });

  it('spells an unknown abbreviation letter by letter, and leaves words in capitals alone', () => {
    expect(expandAbbreviations('XYZ').trim()).toBe('ích xì i dài dét');
    expect(say('THÔNG BÁO')).toBe('THÔNG BÁO');
    expect(isVietnameseSyllable('NGHIÊNG')).toBe(true);
    expect(isVietnameseSyllable('UBKT')).toBe(false);
  });

  it('does not touch abbreviation letters inside words', () => {
    expect(say('Captain TPHCMX')).not.toContain('thành phố');
    expect(say('hướng dẫn')).toBe('hướng dẫn');
  });
});

describe('a whole notice', () => {
  const NOTICE = [
    'THÔNG BÁO',
    'UBND P. Hải Châu thông báo: ngày 03/12/2026, từ 7h30 đến 11h, TYT phường tiêm chủng cho trẻ 2-5 tuổi tại nhà văn hóa TDP 5.',
    '- Lệ phí: 50.000đ/trẻ.',
    '- Liên hệ ĐT: 0912 345 678.',
  ].join('\n');

  it('reads as a person would read it, lines as sentences, with no digit or abbreviation left', () => {
    const spoken = say(NOTICE);
    expect(spoken).toBe(
      'THÔNG BÁO. ủy ban nhân dân phường Hải Châu thông báo: ngày ba tháng mười hai năm hai nghìn không trăm hai mươi sáu, ' +
        'từ bảy giờ ba mươi phút đến mười một giờ, trạm y tế phường tiêm chủng cho trẻ hai đến năm tuổi tại nhà văn hóa tổ dân phố năm. ' +
        'Lệ phí: năm mươi nghìn đồng một trẻ. Liên hệ điện thoại: không chín một hai, ba bốn năm, sáu bảy tám.',
    );
    expect(spoken).not.toMatch(/\d/);
    expect(countSpokenWords(spoken)).toBe(spoken.split(' ').length);
  });

  it('normalises NFD input, invisible characters and odd spaces first', () => {
    expect(say('Tổ dân phố\u200b 5'.normalize('NFD'))).toBe('Tổ dân phố năm');
    expect(say('a\u00a0\t b')).toBe('a b');
  });

  it('knows when there is nothing to say', () => {
    expect(hasSpeakableText(say('!!! ... ---'))).toBe(false);
    expect(hasSpeakableText(say('5'))).toBe(true);
  });
});
