# Loa: multi-stage image on the current Node LTS (Debian slim) with Debian's ffmpeg.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# ffmpeg-static is optional (its binary comes from the network); the image uses Debian's ffmpeg.
RUN npm ci --omit=dev --omit=optional
COPY . .

FROM node:24-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg espeak-ng tini && rm -rf /var/lib/apt/lists/* \
 && groupadd --system loa && useradd --system --gid loa --home /app loa \
 && mkdir -p /data /audio && chown loa:loa /data /audio
WORKDIR /app
COPY --from=build --chown=loa:loa /app /app
ENV NODE_ENV=production LOA_DATA_DIR=/data LOA_AUDIO_DIR=/audio LOA_PORT=8080 LOA_HOST=0.0.0.0 FFMPEG_PATH=/usr/bin/ffmpeg
USER loa
VOLUME ["/data", "/audio"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.LOA_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/main.ts"]
