// Real-shaped Slack objects (users, views) for the fake Web API.

export type SlackUser = {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  tz_label?: string;
  tz_offset?: number;
  locale?: string;
  email?: string;
  is_bot?: boolean;
};

export type SlackView = Record<string, unknown> & {
  id: string;
  type: string;
  hash: string;
  external_id: string;
  user_id?: string;
};

type Ids = { team: string; botId: string; appId: string };

export function makeView(
  input: Record<string, unknown>,
  ids: Ids,
  newId: string,
  existing?: SlackView,
): SlackView {
  const id = existing?.id ?? newId;
  const { user_id, ...view } = input;
  return {
    id,
    team_id: ids.team,
    type: String(view.type ?? 'modal'),
    blocks: view.blocks ?? [],
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${Math.random().toString(36).slice(2, 10)}`,
    title: view.title ?? null,
    clear_on_close: view.clear_on_close ?? false,
    notify_on_close: view.notify_on_close ?? false,
    close: view.close ?? null,
    submit: view.submit ?? null,
    previous_view_id: null,
    root_view_id: (existing?.root_view_id as string | undefined) ?? id,
    app_id: ids.appId,
    external_id: String(view.external_id ?? existing?.external_id ?? ''),
    app_installed_team_id: ids.team,
    bot_id: ids.botId,
    ...(user_id === undefined ? {} : { user_id: String(user_id) }),
  };
}

// Slack only includes `locale` when the caller passes include_locale=true.
export function userInfo(user: SlackUser, team: string, includeLocale: boolean): Record<string, unknown> {
  const name = user.name ?? user.id.toLowerCase();
  const realName = user.real_name ?? name;
  return {
    id: user.id,
    team_id: team,
    name,
    deleted: false,
    color: '9f69e7',
    real_name: realName,
    tz: user.tz ?? 'Asia/Shanghai',
    tz_label: user.tz_label ?? 'China Standard Time',
    tz_offset: user.tz_offset ?? 28_800,
    profile: {
      real_name: realName,
      display_name: name,
      real_name_normalized: realName,
      display_name_normalized: name,
      ...(user.email ? { email: user.email } : {}),
      image_72: `https://avatars.slack-edge.com/${user.id}_72.png`,
      team,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    updated: 1_767_225_600,
    is_email_confirmed: true,
    who_can_share_contact_card: 'EVERYONE',
    ...(includeLocale ? { locale: user.locale ?? 'zh-CN' } : {}),
  };
}
