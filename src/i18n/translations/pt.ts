/** Portuguese (Português, Brazilian usage). Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const pt: Translation = {
  $code: 'pt',
  $name: 'Português',
  $dir: 'ltr',

  leaveReply: 'Deixe um comentário',
  leaveReplyTo: (name) => `Responder a ${name}`,
  cancelReply: 'Cancelar resposta',
  emailNotPublished: 'O seu endereço de e-mail não será publicado.',
  requiredFieldsMarked: 'Campos obrigatórios são marcados com *',
  commentLabel: 'Comentário',
  nameLabel: 'Nome',
  emailLabel: 'E-mail',
  websiteLabel: 'Site',
  saveDetails: 'Salvar meus dados neste navegador para a próxima vez que eu comentar.',
  postComment: 'Publicar comentário',
  preview: 'Pré-visualizar',
  write: 'Escrever',
  nothingToPreview: 'Não há nada para pré-visualizar.',
  posting: 'Publicando…',
  commentsClosed: 'Os comentários estão encerrados.',
  commentCount: (n) => plural('pt', n, { one: '# comentário', other: '# comentários' }),
  comments: 'Comentários',
  heldCount: (n) => `${n} aguardando moderação`,
  loading: 'Carregando comentários…',
  noComments: 'Ainda não há comentários. Seja o primeiro a comentar.',
  loadError: 'Não foi possível carregar os comentários.',
  retry: 'Tentar novamente',
  loadMore: 'Carregar mais comentários',
  loadingMore: 'Carregando mais comentários…',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  awaitingModeration: 'Seu comentário está aguardando moderação.',
  edit: 'Editar',
  editLabel: 'Edite seu comentário',
  save: 'Salvar',
  cancel: 'Cancelar',
  delete: 'Excluir',
  confirmDelete: 'Excluir este comentário?',
  deleted: 'Este comentário foi excluído.',
  edited: 'editado',
  ownerBadge: 'Autor',
  commentUpdated: 'Comentário atualizado.',
  commentDeleted: 'Comentário excluído.',
  browserOnly: 'Os comentários desta página ficam guardados apenas neste navegador; outros leitores não os veem.',
  commentPosted: 'Seu comentário foi publicado.',
  commentHeld: 'Seu comentário foi enviado e está aguardando moderação.',
  savedOffline: 'Salvo; seu comentário será enviado quando você estiver on-line novamente.',
  draftNotSaved: 'Seu rascunho não pode ser salvo neste navegador.',
  newComments: (n) => plural('pt', n, { one: '# comentário novo', other: '# comentários novos' }),
  anonymous: 'Anônimo',
  fixErrors: (n) =>
    plural('pt', n, { one: 'Corrija o erro no formulário.', other: 'Corrija os # erros no formulário.' }),

  errors: {
    required: (field) => `Preencha o campo “${field}”.`,
    tooLong: (field, max) => `“${field}” é longo demais (no máximo ${max} caracteres).`,
    invalidEmail: () => 'Informe um endereço de e-mail válido.',
    invalidUrl: () => 'Informe um endereço web válido, como https://example.com.',
    unsafeUrl: () => 'Só são permitidos endereços web que começam com http:// ou https://.',
    invalidText: (field) => `“${field}” contém caracteres que não podem ser armazenados.`,
    invalidParent: () => 'O comentário que você está respondendo não existe mais.',
    invalidType: (field) => `“${field}” tem um valor do tipo errado.`,
    unknownField: () => 'O formulário enviou um campo que o servidor não aceita.',
  },

  failures: {
    network: 'Não foi possível contatar o servidor de comentários. Verifique sua conexão e tente novamente.',
    invalid: 'O comentário não foi aceito. Verifique o formulário.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Você está enviando comentários rápido demais. Vá com calma.'
        : `Você está enviando comentários rápido demais. Aguarde ${plural('pt', s, { one: '# segundo', other: '# segundos' })} e tente novamente.`,
    conflict: 'Comentário duplicado detectado; parece que você já disse isso!',
    unauthorized: 'Você não tem permissão para comentar aqui.',
    unavailable: 'O serviço de comentários está indisponível no momento. Tente novamente mais tarde.',
    closed: 'Desculpe, os comentários estão encerrados para este item.',
    'not-found': 'Esta discussão não foi encontrada.',
    aborted: 'A solicitação foi cancelada.',
    timeout: 'O serviço de comentários demorou demais para responder. Tente novamente.',
    'bad-response': 'O serviço de comentários enviou uma resposta que não pôde ser lida.',
    storageFull: 'O armazenamento deste navegador está cheio; não foi possível salvar o comentário.',
    idempotencyMismatch: 'Este comentário mudou enquanto era enviado. Publique-o novamente.',
    anonymousDisabled:
      'Este site não aceita comentários de visitantes que não estão conectados. O dono do site precisa permitir comentários anônimos.',
    duplicate: 'Comentário duplicado detectado; parece que você já disse isso!',
    tooLong: 'O comentário é longo demais.',
    editWindowClosed: 'O tempo para alterar este comentário já passou.',
    notAuthor: 'Somente o autor pode alterar este comentário.',
    gone: 'Este comentário foi excluído.',
  },
};

registerTranslation(pt);
export default pt;
