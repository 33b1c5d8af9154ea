/** Spanish (Español). Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const es: Translation = {
  $code: 'es',
  $name: 'Español',
  $dir: 'ltr',

  leaveReply: 'Deja una respuesta',
  leaveReplyTo: (name) => `Responder a ${name}`,
  cancelReply: 'Cancelar la respuesta',
  emailNotPublished: 'Tu dirección de correo electrónico no será publicada.',
  requiredFieldsMarked: 'Los campos obligatorios están marcados con *',
  commentLabel: 'Comentario',
  nameLabel: 'Nombre',
  emailLabel: 'Correo electrónico',
  websiteLabel: 'Web',
  saveDetails: 'Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.',
  postComment: 'Publicar el comentario',
  preview: 'Vista previa',
  write: 'Escribir',
  nothingToPreview: 'No hay nada que previsualizar.',
  posting: 'Publicando…',
  commentsClosed: 'Los comentarios están cerrados.',
  commentCount: (n) => plural('es', n, { one: '# comentario', other: '# comentarios' }),
  comments: 'Comentarios',
  heldCount: (n) => plural('es', n, { one: '# pendiente de moderación', other: '# pendientes de moderación' }),
  loading: 'Cargando comentarios…',
  noComments: 'Todavía no hay comentarios. Sé el primero en responder.',
  loadError: 'No se pudieron cargar los comentarios.',
  retry: 'Reintentar',
  loadMore: 'Cargar más comentarios',
  loadingMore: 'Cargando más comentarios…',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  awaitingModeration: 'Tu comentario está pendiente de moderación.',
  edit: 'Editar',
  editLabel: 'Edita tu comentario',
  save: 'Guardar',
  cancel: 'Cancelar',
  delete: 'Eliminar',
  confirmDelete: '¿Eliminar este comentario?',
  deleted: 'Este comentario fue eliminado.',
  edited: 'editado',
  ownerBadge: 'Autor',
  commentUpdated: 'Comentario actualizado.',
  commentDeleted: 'Comentario eliminado.',
  browserOnly: 'Los comentarios de esta página se guardan solo en este navegador; otros lectores no los ven.',
  commentPosted: 'Tu comentario se ha publicado.',
  commentHeld: 'Tu comentario se ha enviado y está pendiente de moderación.',
  savedOffline: 'Guardado; tu comentario se enviará cuando vuelvas a estar en línea.',
  draftNotSaved: 'Tu borrador no se puede guardar en este navegador.',
  newComments: (n) => plural('es', n, { one: '# comentario nuevo', other: '# comentarios nuevos' }),
  anonymous: 'Anónimo',
  fixErrors: (n) =>
    plural('es', n, { one: 'Corrige el error del formulario.', other: 'Corrige los # errores del formulario.' }),

  errors: {
    required: (field) => `Rellena el campo «${field}».`,
    tooLong: (field, max) => `«${field}» es demasiado largo (${max} caracteres como máximo).`,
    invalidEmail: () => 'Introduce una dirección de correo electrónico válida.',
    invalidUrl: () => 'Introduce una dirección web válida, como https://example.com.',
    unsafeUrl: () => 'Solo se permiten direcciones web que empiecen por http:// o https://.',
    invalidText: (field) => `«${field}» contiene caracteres que no se pueden guardar.`,
    invalidParent: () => 'El comentario al que respondes ya no existe.',
    invalidType: (field) => `«${field}» tiene un valor de tipo incorrecto.`,
    unknownField: () => 'El formulario envió un campo que el servidor no acepta.',
  },

  failures: {
    network: 'No se pudo conectar con el servidor de comentarios. Comprueba tu conexión e inténtalo de nuevo.',
    invalid: 'El comentario no fue aceptado. Revisa el formulario.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Estás publicando comentarios demasiado rápido. Ve más despacio.'
        : `Estás publicando comentarios demasiado rápido. Espera ${plural('es', s, { one: '# segundo', other: '# segundos' })} e inténtalo de nuevo.`,
    conflict: 'Comentario duplicado detectado; ¡parece que ya has dicho esto!',
    unauthorized: 'No tienes permiso para comentar aquí.',
    unavailable: 'El servicio de comentarios no está disponible ahora. Inténtalo más tarde.',
    closed: 'Lo siento, los comentarios están cerrados para este elemento.',
    'not-found': 'No se encontró esta conversación.',
    aborted: 'La solicitud se canceló.',
    timeout: 'El servicio de comentarios tardó demasiado en responder. Inténtalo de nuevo.',
    'bad-response': 'El servicio de comentarios envió una respuesta que no se pudo leer.',
    storageFull: 'El almacenamiento de este navegador está lleno, así que no se pudo guardar el comentario.',
    idempotencyMismatch: 'Este comentario cambió mientras se enviaba. Publícalo de nuevo.',
    anonymousDisabled:
      'Este sitio no acepta comentarios de visitantes que no han iniciado sesión. El propietario del sitio debe permitir los comentarios anónimos.',
    duplicate: 'Comentario duplicado detectado; ¡parece que ya has dicho esto!',
    tooLong: 'El comentario es demasiado largo.',
    editWindowClosed: 'Ya pasó el tiempo para cambiar este comentario.',
    notAuthor: 'Solo su autor puede cambiar este comentario.',
    gone: 'Este comentario fue eliminado.',
  },
};

registerTranslation(es);
export default es;
