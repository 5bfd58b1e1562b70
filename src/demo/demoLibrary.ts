import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { ItemKind } from '../domain/item.ts';

const run = promisify(execFile);

/** The demo library: plausible items of the seed topics, with synthetic speech-like audio. */
export const DEMO_ITEMS: { title: string; kind: ItemKind; topics: string[]; unit: string; seconds: number; ceremonial?: boolean; priority?: 'priority' }[] = [
  { title: 'Tin: Phường triển khai tuyên truyền Đại hội XIV của Đảng', kind: 'tin', topics: ['dai-hoi-xiv'], unit: 'Ban Xây dựng Đảng', seconds: 95 },
  { title: 'Bài: Những dấu ấn nhiệm kỳ hướng tới Đại hội XIV', kind: 'bai', topics: ['dai-hoi-xiv'], unit: 'Trung tâm Dịch vụ sự nghiệp công', seconds: 170 },
  { title: 'Tin: Lấy ý kiến nhân dân vào dự thảo văn kiện Đại hội XIV', kind: 'tin', topics: ['dai-hoi-xiv'], unit: 'Mặt trận Tổ quốc', seconds: 80 },
  { title: 'Phóng sự: Tổ dân phố 3 chung sức xây dựng khu dân cư văn minh', kind: 'phong-su', topics: ['dai-hoi-xiv'], unit: 'Trung tâm Dịch vụ sự nghiệp công', seconds: 240 },
  { title: 'Chuyên mục Cải cách hành chính: Làm thủ tục trực tuyến tại nhà', kind: 'bai', topics: ['cai-cach-hanh-chinh'], unit: 'Trung tâm Phục vụ hành chính công', seconds: 150 },
  { title: 'Tin: Cấp căn cước điện tử mức 2 cho người dân', kind: 'tin', topics: ['cai-cach-hanh-chinh'], unit: 'Công an phường', seconds: 70 },
  { title: 'Tin: Giảm thời gian giải quyết hồ sơ đất đai', kind: 'tin', topics: ['cai-cach-hanh-chinh'], unit: 'Phòng Kinh tế, Hạ tầng và Đô thị', seconds: 85 },
  { title: 'Tin: Cảnh giác với lừa đảo qua mạng', kind: 'tin', topics: ['an-ninh-trat-tu'], unit: 'Công an phường', seconds: 90, priority: 'priority' },
  { title: 'Bài: Phòng cháy chữa cháy trong khu dân cư', kind: 'bai', topics: ['an-ninh-trat-tu'], unit: 'Công an phường', seconds: 160 },
  { title: 'Tin: Ra quân đăng ký nghĩa vụ quân sự năm 2027', kind: 'tin', topics: ['an-ninh-trat-tu'], unit: 'Ban chỉ huy quân sự phường', seconds: 75 },
  { title: 'Thông báo: Lịch tiêm chủng mở rộng tháng này', kind: 'thong-bao', topics: [], unit: 'Trạm Y tế phường', seconds: 60 },
  { title: 'Tin: Mô hình phân loại rác tại nguồn ở Tổ dân phố 2', kind: 'tin', topics: [], unit: 'Trung tâm Dịch vụ sự nghiệp công', seconds: 100 },
  { title: 'Bài: Gương người tốt việc tốt trên địa bàn phường', kind: 'bai', topics: [], unit: 'Mặt trận Tổ quốc', seconds: 180 },
  { title: 'Tin: Hội nghị sơ kết công tác quý của UBND phường', kind: 'tin', topics: [], unit: 'Văn phòng HĐND và UBND', seconds: 90, ceremonial: true },
];

/** Writes one synthetic speech-like WAV (band-limited pink noise in syllables and phrases). */
export async function synthesiseSpeech(ffmpegPath: string, dir: string, index: number, seconds: number): Promise<string> {
  const file = join(dir, `demo-${index}.wav`);
  const source =
    `anoisesrc=color=pink:sample_rate=22050:amplitude=0.4:seed=${index + 1}:duration=${seconds},` +
    `highpass=f=300,lowpass=f=3400,tremolo=f=${3.5 + (index % 4) * 0.25}:d=0.8,` +
    `volume='if(lt(mod(t,3.5),2.8),1,0.05)':eval=frame`;
  await run(ffmpegPath, ['-hide_banner', '-nostdin', '-y', '-f', 'lavfi', '-i', source, '-ac', '1', file]);
  return file;
}

