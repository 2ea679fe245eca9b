-- Meetings (议事会议): an agenda of topics frozen by a published notice at least the
-- council's notice period before the start, invitations (邀约) of officials and units with
-- their replies, attendance, minutes (纪要), and moderated comment threads on topics.
ALTER TABLE councils ADD COLUMN notice_days BIGINT NOT NULL DEFAULT 3;

CREATE TABLE meetings (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  noticed_at BIGINT NOT NULL DEFAULT 0,
  minutes TEXT NOT NULL DEFAULT '',
  minutes_at BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX meetings_starts ON meetings (starts_at);
CREATE INDEX meetings_community ON meetings (community_id, starts_at);

CREATE TABLE meeting_items (
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  topic_id BIGINT NOT NULL REFERENCES topics(id),
  position BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, topic_id)
);

CREATE TABLE meeting_invitations (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  account_id BIGINT REFERENCES accounts(id),
  unit_id BIGINT REFERENCES org_units(id),
  note TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT 'pending',
  reply_note TEXT NOT NULL DEFAULT '',
  replied_by BIGINT NOT NULL DEFAULT 0,
  replied_at BIGINT NOT NULL DEFAULT 0,
  attended BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX meeting_invitations_meeting ON meeting_invitations (meeting_id);

CREATE TABLE meeting_attendance (
  id {{PK}},
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  name TEXT NOT NULL,
  capacity TEXT NOT NULL,
  mode TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id);

CREATE TABLE topic_comments (
  id {{PK}},
  topic_id BIGINT NOT NULL REFERENCES topics(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  body TEXT NOT NULL,
  at BIGINT NOT NULL,
  hidden BIGINT NOT NULL DEFAULT 0,
  hidden_by BIGINT NOT NULL DEFAULT 0,
  hidden_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX topic_comments_topic ON topic_comments (topic_id, id);
